package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Self-attention with torch.nn.MultiheadAttention's parameters: one fused {@code in_proj_weight}
 * (3d x d, rows q then k then v) with {@code in_proj_bias}, and {@code out_proj}. Inputs are batch-first
 * (N, L, d); heads are folded into the batch, (N * heads, L, head_width), so the whole layer is two
 * projections and two batched matmuls.
 */
final class MultiheadSelfAttention extends ClipBlock {
    private final int width;
    private final int heads;
    private final float scale;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final LinearLayer outProj;

    public MultiheadSelfAttention(int width, int heads, BlockInit init) {
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not a multiple of heads " + heads);
        }
        this.width = width;
        this.heads = heads;
        this.scale = (float) (1.0 / Math.sqrt(width / heads));
        inProjWeight = parameter("in_proj_weight", Parameter.Type.WEIGHT, new Shape(3L * width, width), init.inProjWeight());
        inProjBias = parameter("in_proj_bias", Parameter.Type.BIAS, new Shape(3L * width), Initializers.zeros());
        outProj = child("out_proj", new LinearLayer(width, width, init.outProjWeight(), Initializers.zeros()));
    }

    /**
     * @param x (N, L, width)
     * @param additiveMask (L, L) added to the attention scores (e.g. -inf above the diagonal), or null
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray additiveMask, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        long len = s.get(1);
        long headWidth = width / heads;
        NDArray qkv = Linear.linear(x, ps.getValue(inProjWeight, x.getDevice(), training),
                ps.getValue(inProjBias, x.getDevice(), training)).singletonOrThrow();
        // (N, L, 3, H, hd) -> (3, N, H, L, hd) -> (3, N*H, L, hd)
        qkv = qkv.reshape(n, len, 3, heads, headWidth).transpose(2, 0, 3, 1, 4).reshape(3, n * heads, len, headWidth);
        NDArray q = EngineScalars.mul(qkv.get(0), scale);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray scores = q.batchMatMul(k.transpose(0, 2, 1));
        if (additiveMask != null) {
            scores = scores.add(additiveMask);
        }
        NDArray context = scores.softmax(2).batchMatMul(v)
                .reshape(n, heads, len, headWidth).transpose(0, 2, 1, 3).reshape(n, len, width);
        return outProj.apply(ps, context, training);
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
