package io.dihit.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Arrays;

/**
 * The causal text tower in DiHT's root-level layout: {@code token_embedding}, {@code positional_embedding},
 * {@code transformer}, {@code ln_final}, {@code text_projection}. Features are taken at the position of
 * the largest token id in each row (the end-of-text token).
 */
public final class TextTransformer extends ClipBlock {
    private final TextConfig config;
    private final int outputDim;
    private final Parameter tokenEmbedding;
    private final Parameter positionalEmbedding;
    private final Transformer transformer;
    private final LayerNormBlock lnFinal;
    private final Parameter textProjection;
    private final float[] causalMask;

    public TextTransformer(TextConfig config, int outputDim, Activation activation) {
        this.config = config;
        this.outputDim = outputDim;
        int w = config.width();
        positionalEmbedding = parameter("positional_embedding", Parameter.Type.WEIGHT,
                new Shape(config.contextLength(), w), Initializers.normal(0.01));
        textProjection = parameter("text_projection", Parameter.Type.WEIGHT, new Shape(w, outputDim),
                Initializers.normal(Math.pow(w, -0.5)));
        transformer = child("transformer", new Transformer(w, config.layers(), config.heads(), config.mlpWidth(), activation,
                BlockInit.textTower(w, config.layers(), config.mlpWidth())));
        tokenEmbedding = parameter("token_embedding.weight", Parameter.Type.WEIGHT,
                new Shape(config.vocabSize(), w), Initializers.normal(0.02));
        lnFinal = child("ln_final", new LayerNormBlock(w));
        causalMask = causalMask(config.contextLength());
    }

    /** Additive mask, -inf strictly above the diagonal (row = query), like DiHT's build_attention_mask. */
    private static float[] causalMask(int len) {
        float[] mask = new float[len * len];
        for (int i = 0; i < len; i++) {
            Arrays.fill(mask, i * len + i + 1, (i + 1) * len, Float.NEGATIVE_INFINITY);
        }
        return mask;
    }

    public TextConfig config() {
        return config;
    }

    Transformer transformer() {
        return transformer;
    }

    /** @param tokens (N, contextLength) int32 or int64; returns (N, outputDim) unnormalised */
    public NDArray apply(ParameterStore ps, NDArray tokens, boolean training) {
        Shape s = tokens.getShape();
        int len = config.contextLength();
        if (s.dimension() != 2 || s.get(1) != len) {
            throw new IllegalArgumentException("tokens must be (N, " + len + "), got " + s);
        }
        if (tokens.getDataType() != DataType.INT64 && tokens.getDataType() != DataType.INT32) {
            throw new IllegalArgumentException("tokens must be int32 or int64, got " + tokens.getDataType());
        }
        long n = s.get(0);
        int w = config.width();
        Device device = tokens.getDevice();
        NDArray ids = tokens.toType(DataType.INT64, false);
        NDArray x = Embedding.embedding(ids, ps.getValue(tokenEmbedding, device, training), SparseFormat.DENSE)
                .singletonOrThrow()
                .add(ps.getValue(positionalEmbedding, device, training));
        NDArray mask = x.getManager().create(causalMask, new Shape(len, len)).toDevice(device, false);
        x = transformer.apply(ps, x, mask, training);
        // LayerNorm acts per position, so pooling before ln_final equals DiHT's ln_final-then-pool
        NDArray eot = ids.argMax(1).reshape(n, 1, 1).broadcast(n, 1, w);
        NDArray pooled = x.gather(eot, 1).reshape(n, w);
        return lnFinal.apply(ps, pooled, training).matMul(ps.getValue(textProjection, device, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
    }
}
