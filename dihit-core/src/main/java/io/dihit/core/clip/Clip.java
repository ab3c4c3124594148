package io.dihit.core.clip;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.image.RgbImage;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.ClipTokenizer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A CLIP ready for inference: the model, the NDManager that owns its parameters (closed by {@link #close()}),
 * the evaluation image preprocessing of its config and, when given, its tokenizer. Every encode method returns
 * L2-normalised embeddings, one row per input, computed in batches of {@link #batchSize()}, each batch in its own
 * NDManager scope so native memory stays flat. Use one thread at a time per instance.
 * <pre>{@code
 * try (Clip clip = Clip.load("diht_vitb16_224px", Path.of("diht_vitb16_224px.ckpt"),
 *         ClipOptions.defaults().withTokenizer(Path.of("bpe_simple_vocab_16e6.txt.gz")))) {
 *     float[][] images = clip.encodeImagePaths(List.of(Path.of("cat.jpg")));
 *     float[][] texts = clip.encodeTexts(List.of("a photo of a cat"));
 *     List<ZeroShotPrediction> labels = clip.zeroShot(List.of(ImageIO.read(new File("cat.jpg"))), List.of("cat", "dog"));
 * }
 * }</pre>
 * DJL users get the same through {@link #imageModel()} / {@link #textModel()} and the translators of this package
 * ({@link ImageEmbeddingTranslator}, {@link TextEmbeddingTranslator}, {@link ZeroShotTranslator}).
 */
public final class Clip implements AutoCloseable {
    /** Images or texts per forward pass unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final ClipModel model;
    private final NDManager manager;
    private final ClipTokenizer tokenizer;
    private final int batchSize;
    private final ParameterStore store;
    private final ImagePreprocessor preprocessor;
    private Model imageModel;
    private Model textModel;

    private Clip(ClipModel model, NDManager manager, ClipTokenizer tokenizer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!model.isInitialized()) {
            throw new IllegalArgumentException("the model has no parameters yet: call model.initializeParameters(manager)"
                    + " (and load weights) before wrapping it");
        }
        if (tokenizer != null && tokenizer.vocabSize() > model.config().text().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " ids but the model's vocabulary is "
                    + model.config().text().vocabSize() + ": wrong merges file for these weights?");
        }
        this.model = model;
        this.manager = manager;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.store = new ParameterStore(manager, false);
        this.preprocessor = ImagePreprocessor.evaluation(model.config().vision().imageSize());
    }

    /**
     * Wraps an initialised model whose parameters live in {@code manager}; the Clip takes ownership of the manager
     * and closes it (if wrapping fails, the manager stays the caller's). {@code tokenizerOrNull} may be null when
     * only images are encoded.
     */
    public static Clip wrap(ClipModel model, NDManager manager, ClipTokenizer tokenizerOrNull) {
        return wrap(model, manager, tokenizerOrNull, DEFAULT_BATCH_SIZE);
    }

    /** {@link #wrap(ClipModel, NDManager, ClipTokenizer)} with a batch size. */
    public static Clip wrap(ClipModel model, NDManager manager, ClipTokenizer tokenizerOrNull, int batchSize) {
        return new Clip(Objects.requireNonNull(model, "model"), Objects.requireNonNull(manager, "manager"),
                tokenizerOrNull, batchSize);
    }

    /** A built-in config ({@link ClipConfig#named}) with weights from any file {@link Checkpoints#load} reads. */
    public static Clip load(String builtInName, Path weights) throws IOException {
        return load(builtInName, weights, ClipOptions.defaults());
    }

    public static Clip load(String builtInName, Path weights, ClipOptions options) throws IOException {
        return load(ClipConfig.named(builtInName), weights, options);
    }

    /**
     * Weights that carry their config: a safetensors written by dihit ({@code Checkpoints.saveSafetensors}), a
     * training checkpoint directory or a run directory ({@link Checkpoints#resolveModelFile}). A torch.save file
     * has no config: name one with the other overloads.
     */
    public static Clip load(Path weights) throws IOException {
        return load(weights, ClipOptions.defaults());
    }

    public static Clip load(Path weights, ClipOptions options) throws IOException {
        ClipConfig config = Checkpoints.readConfig(weights).orElseThrow(() -> new IllegalArgumentException(weights
                + " does not carry a model config; name it: Clip.load(\"diht_vitb16_224px\", weights) with a zoo"
                + " name " + ClipConfig.ZOO + " or Clip.load(ClipConfig.fromJson(configFile), weights, options)"));
        return load(config, weights, options);
    }

    /** Any config with weights loaded strictly (every parameter present, nothing left over). */
    public static Clip load(ClipConfig config, Path weights, ClipOptions options) throws IOException {
        return create(config, Objects.requireNonNull(weights, "weights"), options);
    }

    /** A model with DiHT's random initialisation: for speed measurements and tests only. */
    public static Clip randomlyInitialised(ClipConfig config, ClipOptions options) throws IOException {
        return create(config, null, options);
    }

    private static Clip create(ClipConfig config, Path weightsOrNull, ClipOptions options) throws IOException {
        ClipTokenizer tokenizer = options.tokenizer(); // a bad merges path fails before any native memory is taken
        NDManager manager = NDManager.newBaseManager(options.device());
        try {
            ClipModel model = new ClipModel(config);
            model.initializeParameters(manager);
            if (weightsOrNull != null) {
                Checkpoints.load(weightsOrNull, model, true);
            }
            return wrap(model, manager, tokenizer, options.batchSize());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ClipModel model() {
        return model;
    }

    public ClipConfig config() {
        return model.config();
    }

    public Device device() {
        return manager.getDevice();
    }

    public int batchSize() {
        return batchSize;
    }

    /** The evaluation preprocessing (resize shorter side, centre crop, CLIP mean/std) at the model's image size. */
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** The tokenizer, or a clear error when the Clip was built without one. */
    public ClipTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("this Clip has no tokenizer, so it cannot encode texts: pass the CLIP BPE merges"
                    + " file (bpe_simple_vocab_16e6.txt.gz) or a ClipTokenizer when loading or wrapping the model");
        }
        return tokenizer;
    }

    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /**
     * exp(log logit scale): the number that multiplies cosine similarities to give logits (100 for a converged
     * CLIP). Read from the model's parameter at each call.
     */
    public double logitMultiplier() {
        return Math.exp(model.logLogitScale().getArray().getFloat());
    }

    /** Normalised embeddings of image files (JPEG, PNG, ...), decoded one batch at a time. */
    public float[][] encodeImagePaths(List<Path> files) throws IOException {
        float[][] out = new float[files.size()][];
        for (int start = 0; start < files.size(); start += batchSize) {
            List<RgbImage> batch = new ArrayList<>();
            for (Path file : files.subList(start, Math.min(files.size(), start + batchSize))) {
                batch.add(ImageDecoder.decode(file));
            }
            System.arraycopy(encodeRgb(batch), 0, out, start, batch.size());
        }
        return out;
    }

    /** Normalised embeddings of images of any size and colour model (alpha is composited on white). */
    public float[][] encodeImages(List<BufferedImage> images) {
        return encodeRgb(images.stream().map(ImageDecoder::toRgb).toList());
    }

    /** Normalised embeddings of decoded RGB images. */
    public float[][] encodeRgb(List<RgbImage> images) {
        int per = preprocessor.floatsPerImage();
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += batchSize) {
            int count = Math.min(batchSize, images.size() - start);
            float[] pixels = new float[count * per];
            for (int i = 0; i < count; i++) {
                preprocessor.applyInto(images.get(start + i), new Random(0), pixels, i * per); // rng unused in evaluation
            }
            System.arraycopy(encodePreprocessed(pixels, count), 0, out, start, count);
        }
        return out;
    }

    /**
     * Normalised embeddings of {@code n} images already preprocessed by {@link #preprocessor()}, given as one CHW
     * float buffer of n * 3 * size * size values (for callers that preprocess in parallel).
     */
    public float[][] encodePreprocessed(float[] chw, int n) {
        int size = config().vision().imageSize();
        int per = 3 * size * size;
        if (n < 0 || chw.length < (long) n * per) {
            throw new IllegalArgumentException("pixel buffer holds " + chw.length + " floats, need " + (long) n * per
                    + " for " + n + " images of " + size + " px");
        }
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(FloatBuffer.wrap(chw, start * per, count * per), new Shape(count, 3, size, size));
                copyRows(ClipModel.normalize(model.encodeImage(store, images, false)), out, start);
            }
        }
        return out;
    }

    /** Normalised embeddings of texts, tokenized with this Clip's tokenizer (cut to the model's context). */
    public float[][] encodeTexts(List<String> texts) {
        return encodeTokens(tokenizer().tokenize(texts, config().text().contextLength()));
    }

    /** Normalised embeddings of token rows, each exactly the model's context length long. */
    public float[][] encodeTokens(int[][] tokens) {
        int context = config().text().contextLength();
        float[][] out = new float[tokens.length][];
        for (int start = 0; start < tokens.length; start += batchSize) {
            int count = Math.min(batchSize, tokens.length - start);
            int[] flat = new int[count * context];
            for (int i = 0; i < count; i++) {
                int[] row = tokens[start + i];
                if (row.length != context) {
                    throw new IllegalArgumentException("token row " + (start + i) + " has " + row.length
                            + " ids, the model's context length is " + context);
                }
                System.arraycopy(row, 0, flat, i * context, context);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray ids = scope.create(flat, new Shape(count, context));
                copyRows(ClipModel.normalize(model.encodeText(store, ids, false)), out, start);
            }
        }
        return out;
    }

    /** Zero-shot classification with CLIP's prompt {@value ZeroShotHead#DEFAULT_TEMPLATE}. */
    public List<ZeroShotPrediction> zeroShot(List<BufferedImage> images, List<String> classNames) {
        return zeroShot(images, classNames, List.of(ZeroShotHead.DEFAULT_TEMPLATE));
    }

    /** Zero-shot classification; each class's embedding is the mean over the templates (each holding {@code {}}). */
    public List<ZeroShotPrediction> zeroShot(List<BufferedImage> images, List<String> classNames, List<String> templates) {
        return ZeroShotHead.build(this, classNames, templates).predict(encodeImages(images));
    }

    /**
     * A DJL Model whose block is the image tower (owned by this Clip, closed with it), for Predictors with
     * {@link ImageEmbeddingTranslator} or {@link ZeroShotTranslator}.
     */
    public synchronized Model imageModel() {
        if (imageModel == null) {
            imageModel = towerModel("clip-image", model.visual());
        }
        return imageModel;
    }

    /** A DJL Model whose block is the text tower (owned by this Clip), for Predictors with {@link TextEmbeddingTranslator}. */
    public synchronized Model textModel() {
        if (textModel == null) {
            textModel = towerModel("clip-text", model.text());
        }
        return textModel;
    }

    private Model towerModel(String name, Block tower) {
        Model djlModel = Model.newInstance(name, device());
        djlModel.setBlock(tower); // the parameters stay in this Clip's manager
        return djlModel;
    }

    private static void copyRows(NDArray features, float[][] out, int start) {
        long[] shape = features.getShape().getShape();
        int d = (int) shape[1];
        float[] flat = features.toFloatArray();
        for (int i = 0; i < shape[0]; i++) {
            out[start + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
    }

    /** Frees the model's native memory; the Clip is unusable afterwards. */
    @Override
    public synchronized void close() {
        if (imageModel != null) {
            imageModel.close();
        }
        if (textModel != null) {
            textModel.close();
        }
        manager.close();
    }
}
