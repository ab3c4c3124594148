package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** y = x W^T + b over the last axis, with torch.nn.Linear's parameter names and layout ({@code weight} is (out, in)). */
final class LinearLayer extends ClipBlock {
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public LinearLayer(int in, int out, Initializer weightInit, Initializer biasInit) {
        this.out = out;
        weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in), weightInit);
        bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), biasInit);
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return Linear.linear(x, w, b).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(out)};
    }
}
