package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The ViT image tower in DiHT's {@code visual} layout: conv1 patch embedding (no bias), class token,
 * positional embedding, ln_pre, transformer, ln_post on the class token, {@code proj}.
 * Class token, positional embedding and proj start as N(0, width^-0.5) like DiHT.
 */
public final class VisionTransformer extends ClipBlock {
    private final VisionConfig config;
    private final int outputDim;
    private final Parameter conv1;
    private final Parameter classEmbedding;
    private final Parameter positionalEmbedding;
    private final LayerNormBlock lnPre;
    private final Transformer transformer;
    private final LayerNormBlock lnPost;
    private final Parameter proj;

    /** A tower with exact GELU (DiHT's). */
    public VisionTransformer(VisionConfig config, int outputDim) {
        this(config, outputDim, Activation.GELU);
    }

    public VisionTransformer(VisionConfig config, int outputDim, Activation activation) {
        this.config = config;
        this.outputDim = outputDim;
        int w = config.width();
        int p = config.patchSize();
        double scale = Math.pow(w, -0.5);
        // kept in DiHT's state-dict order (class_embedding, positional_embedding, proj, conv1, ...)
        classEmbedding = parameter("class_embedding", Parameter.Type.WEIGHT, new Shape(w), Initializers.normal(scale));
        positionalEmbedding = parameter("positional_embedding", Parameter.Type.WEIGHT,
                new Shape(config.sequenceLength(), w), Initializers.normal(scale));
        proj = parameter("proj", Parameter.Type.WEIGHT, new Shape(w, outputDim), Initializers.normal(scale));
        conv1 = parameter("conv1.weight", Parameter.Type.WEIGHT, new Shape(w, 3, p, p),
                Initializers.torchDefault(3L * p * p));
        lnPre = child("ln_pre", new LayerNormBlock(w));
        transformer = child("transformer", new Transformer(w, config.layers(), config.heads(), config.mlpWidth(), activation,
                BlockInit.torchDefaults(w, config.mlpWidth())));
        lnPost = child("ln_post", new LayerNormBlock(w));
    }

    public VisionConfig config() {
        return config;
    }

    Transformer transformer() {
        return transformer;
    }

    /** @param images (N, 3, imageSize, imageSize) float, already normalised; returns (N, outputDim) unnormalised */
    public NDArray apply(ParameterStore ps, NDArray images, boolean training) {
        Shape s = images.getShape();
        int size = config.imageSize();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != size || s.get(3) != size) {
            throw new IllegalArgumentException("images must be (N, 3, " + size + ", " + size + "), got " + s);
        }
        long n = s.get(0);
        int w = config.width();
        int p = config.patchSize();
        var device = images.getDevice();
        NDArray patches = Conv2d.conv2d(images, ps.getValue(conv1, device, training), null, new Shape(p, p))
                .singletonOrThrow(); // (N, w, g, g)
        patches = patches.reshape(n, w, -1).transpose(0, 2, 1); // (N, g*g, w)
        // zeros + class_embedding as in DiHT; the input-side array comes first so every result
        // belongs to the caller's (per-batch) manager, never to the parameters' manager
        NDArray cls = patches.getManager().zeros(new Shape(n, 1, w), patches.getDataType(), device)
                .add(ps.getValue(classEmbedding, device, training));
        NDArray x = NDArrays.concat(new NDList(cls, patches), 1)
                .add(ps.getValue(positionalEmbedding, device, training));
        x = lnPre.apply(ps, x, training);
        x = transformer.apply(ps, x, null, training);
        NDArray pooled = lnPost.apply(ps, x.get(new NDIndex(":, 0, :")), training);
        return pooled.matMul(ps.getValue(proj, device, training));
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
