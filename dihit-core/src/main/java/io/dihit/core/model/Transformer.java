package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A stack of {@link ResidualAttentionBlock}s, keyed {@code resblocks.<i>} like DiHT's Transformer. */
final class Transformer extends ClipBlock {
    private final List<ResidualAttentionBlock> blocks;

    public Transformer(int width, int layers, int heads, int mlpWidth, Activation activation, BlockInit init) {
        List<ResidualAttentionBlock> list = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            list.add(child("resblocks." + i, new ResidualAttentionBlock(width, heads, mlpWidth, activation, init)));
        }
        blocks = Collections.unmodifiableList(list);
    }

    public List<ResidualAttentionBlock> blocks() {
        return blocks;
    }

    /** @param additiveMask (L, L) or null */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray additiveMask, boolean training) {
        for (ResidualAttentionBlock block : blocks) {
            x = block.apply(ps, x, additiveMask, training);
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
