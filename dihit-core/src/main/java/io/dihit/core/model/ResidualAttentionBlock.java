package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Pre-LN block: x + attn(ln_1(x)), then x + mlp(ln_2(x)). */
final class ResidualAttentionBlock extends ClipBlock {
    private final LayerNormBlock ln1;
    private final MultiheadSelfAttention attn;
    private final LayerNormBlock ln2;
    private final Mlp mlp;

    public ResidualAttentionBlock(int width, int heads, int mlpWidth, Activation activation, BlockInit init) {
        attn = child("attn", new MultiheadSelfAttention(width, heads, init));
        ln1 = child("ln_1", new LayerNormBlock(width));
        mlp = child("mlp", new Mlp(width, mlpWidth, activation, init));
        ln2 = child("ln_2", new LayerNormBlock(width));
    }

    /** @param additiveMask (L, L) or null; see {@link MultiheadSelfAttention#apply}. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray additiveMask, boolean training) {
        x = x.add(attn.apply(ps, ln1.apply(ps, x, training), additiveMask, training));
        return x.add(mlp.apply(ps, ln2.apply(ps, x, training), training));
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
