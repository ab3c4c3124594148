package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CLIP as DJL blocks, numerically the DiHT / open_clip model: a ViT image tower ({@link VisionTransformer}),
 * a causal text transformer ({@link TextTransformer}) and a learned log temperature, {@link #logLogitScale()}
 * (state-dict key {@code logit_scale}, initial value ln(1/0.07)) whose exponential is the logit multiplier.
 * Parameter keys are DiHT's state-dict keys ({@link #namedParameters()}), so checkpoints map one to one.
 *
 * <p>Usage (inference; training code passes {@code training = true} inside a GradientCollector):
 * <pre>{@code
 * ClipModel model = new ClipModel(ClipConfig.named("diht_vitb16_224px"));
 * try (NDManager manager = NDManager.newBaseManager()) {
 *     model.initializeParameters(manager);               // random DiHT init
 *     Checkpoints.load(Path.of("diht_vitb16_224px.ckpt"), model, true);  // or pretrained weights
 *     ParameterStore ps = new ParameterStore(manager, false);
 *     try (NDManager batch = manager.newSubManager()) {
 *         NDArray images = batch.create(pixels, new Shape(n, 3, 224, 224)); // normalised CHW floats
 *         NDArray tokens = batch.create(tokenRows);                       // int[n][77] from ClipTokenizer
 *         NDList out = model.forward(ps, new NDList(images, tokens), false);
 *         NDArray logitsPerImage = out.get(0).matMul(out.get(1).transpose()).mul(out.get(2).exp()); // exp(log) = multiplier
 *     }
 * }
 * }</pre>
 * Arrays are created on the inputs' device, so the same code runs on CPU or GPU.
 */
public final class ClipModel extends ClipBlock {
    /** ln(1 / 0.07): the initial log logit scale (CLIP's temperature 0.07, multiplier 1/0.07). */
    public static final double INITIAL_LOG_LOGIT_SCALE = Math.log(1 / 0.07);

    private final ClipConfig config;
    private final VisionTransformer visual;
    private final TextTransformer text;
    private final Parameter logLogitScale;
    private final Map<String, Parameter> namedParameters;

    public ClipModel(ClipConfig config) {
        this.config = config;
        text = child("text", "", new TextTransformer(config.text(), config.embedDim(), config.activation()));
        logLogitScale = parameter("logit_scale", Parameter.Type.WEIGHT, new Shape(),
                Initializers.constant(INITIAL_LOG_LOGIT_SCALE));
        visual = child("visual", new VisionTransformer(config.vision(), config.embedDim(), config.activation()));
        Map<String, Parameter> named = new LinkedHashMap<>();
        namedParameters("", named);
        namedParameters = Collections.unmodifiableMap(named);
    }

    public ClipConfig config() {
        return config;
    }

    public VisionTransformer visual() {
        return visual;
    }

    public TextTransformer text() {
        return text;
    }

    /**
     * The learned log of the logit multiplier (a scalar, state-dict key {@code logit_scale}); logits are
     * exp(logLogitScale) * cosine similarities.
     */
    public Parameter logLogitScale() {
        return logLogitScale;
    }

    /** Every parameter keyed by its DiHT / open_clip state-dict name, in a stable order. */
    public Map<String, Parameter> namedParameters() {
        return namedParameters;
    }

    /**
     * Whether AdamW should decay this parameter: only matrices and conv kernels do; gains, biases,
     * embeddings (token, positional, class) and the logit scale do not ({@link WeightDecayRule}).
     */
    public boolean usesWeightDecay(String key) {
        Parameter p = namedParameters.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + key + "'");
        }
        return WeightDecayRule.decays(key, p.getShape());
    }

    /** Number of scalar parameters, from the shapes alone (nothing is allocated). */
    public long parameterCount() {
        return namedParameters.values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    /** Allocates all parameters as float32 on the manager's device with DiHT's initial values. */
    public void initializeParameters(NDManager manager) {
        initialize(manager, DataType.FLOAT32, imageShape(1), tokenShape(1));
    }

    /** Input shape of {@code n} images. */
    public Shape imageShape(long n) {
        return new Shape(n, 3, config.vision().imageSize(), config.vision().imageSize());
    }

    /** Input shape of {@code n} token rows. */
    public Shape tokenShape(long n) {
        return new Shape(n, config.text().contextLength());
    }

    /** (N, 3, H, W) normalised float images -> (N, embedDim) unnormalised features. */
    public NDArray encodeImage(ParameterStore ps, NDArray images, boolean training) {
        return visual.apply(ps, images, training);
    }

    /** (N, contextLength) int32/int64 tokens -> (N, embedDim) unnormalised features. */
    public NDArray encodeText(ParameterStore ps, NDArray tokens, boolean training) {
        return text.apply(ps, tokens, training);
    }

    /** L2 normalisation over the last axis with F.normalize's 1e-12 floor on the norm. */
    public static NDArray normalize(NDArray features) {
        int last = features.getShape().dimension() - 1;
        // the floor goes through EngineScalars: maximum(Number) would leave the backward reading freed memory
        return features.div(EngineScalars.maximum(features.norm(new int[] {last}, true), 1e-12));
    }

    /**
     * @param inputs (images, tokens)
     * @return (normalised image features, normalised text features, the log logit scale, a scalar)
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("ClipModel expects (images, tokens), got " + inputs.size() + " arrays");
        }
        NDArray images = normalize(encodeImage(ps, inputs.get(0), training));
        NDArray texts = normalize(encodeText(ps, inputs.get(1), training));
        // 0 + log logit scale: a differentiable copy owned by the inputs' manager (NDArray.duplicate would
        // cut autograd), so callers' ops on it (exp, ...) do not pile up in the parameters' manager
        NDArray logLogitScaleCopy = images.getManager().zeros(new Shape(), images.getDataType(), images.getDevice())
                .add(ps.getValue(logLogitScale, images.getDevice(), training));
        return new NDList(images, texts, logLogitScaleCopy);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {
            new Shape(inputShapes[0].get(0), config.embedDim()),
            new Shape(inputShapes[1].get(0), config.embedDim()),
            new Shape()
        };
    }
}
