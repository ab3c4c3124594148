package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** LayerNorm over the last axis with eps 1e-5 and parameters {@code weight} / {@code bias} like torch.nn.LayerNorm. */
final class LayerNormBlock extends ClipBlock {
    public static final float EPS = 1e-5f;

    private final Shape normalizedShape;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNormBlock(int width) {
        normalizedShape = new Shape(width);
        weight = parameter("weight", Parameter.Type.GAMMA, normalizedShape, Initializers.ones());
        bias = parameter("bias", Parameter.Type.BETA, normalizedShape, Initializers.zeros());
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return LayerNorm.layerNorm(x, normalizedShape, w, b, EPS).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
