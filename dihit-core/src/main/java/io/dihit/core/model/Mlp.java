package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** c_fc -> activation (exact GELU or QuickGELU) -> c_proj, like the {@code mlp} Sequential of DiHT's ResidualAttentionBlock. */
final class Mlp extends ClipBlock {
    private final LinearLayer fc;
    private final LinearLayer proj;
    private final Activation activation;

    public Mlp(int width, int hidden, Activation activation, BlockInit init) {
        this.activation = activation;
        fc = child("c_fc", new LinearLayer(width, hidden, init.fcWeight(), init.fcBias()));
        proj = child("c_proj", new LinearLayer(hidden, width, init.projWeight(), init.projBias()));
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return proj.apply(ps, activation.apply(fc.apply(ps, x, training)), training);
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
