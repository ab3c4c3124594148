package io.dihit.eval.embed;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.io.LoadReport;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.ClipTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A frozen CLIP model on one device, turning pixel batches and token rows into (unnormalised) embeddings in
 * batches of a fixed size. Every batch runs in its own NDManager scope, so native memory stays flat.
 */
public final class ClipEncoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClipEncoder.class);

    private final ClipModel model;
    private final NDManager manager;
    private final ParameterStore store;
    private final int batchSize;
    private final double logitScale;

    private ClipEncoder(ClipModel model, NDManager manager, int batchSize) {
        this.model = model;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.batchSize = batchSize;
        this.logitScale = Math.exp(model.logLogitScale().getArray().getFloat());
    }

    /**
     * Builds the model on {@code device}; loads {@code checkpoint} strictly when given, else keeps DiHT's random
     * initialisation (useful only for speed measurements).
     */
    public static ClipEncoder open(ClipConfig config, Path checkpoint, Device device, int batchSize) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            ClipModel model = new ClipModel(config);
            model.initializeParameters(manager);
            if (checkpoint != null) {
                LoadReport report = Checkpoints.load(checkpoint, model, true);
                LOG.info("loaded {}", report.summary());
            } else {
                LOG.warn("no checkpoint: the model keeps its random initialisation");
            }
            return new ClipEncoder(model, manager, batchSize);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ClipConfig config() {
        return model.config();
    }

    public int imageSize() {
        return model.config().vision().imageSize();
    }

    public int contextLength() {
        return model.config().text().contextLength();
    }

    public int batchSize() {
        return batchSize;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** exp(logit_scale): the factor between cosine similarities and logits. */
    public double logitScale() {
        return logitScale;
    }

    /** Embeds n images given as one CHW float buffer of n * 3 * size * size normalised values. */
    public float[][] encodePixels(float[] chw, int n) {
        int per = 3 * imageSize() * imageSize();
        if (chw.length < (long) n * per) {
            throw new IllegalArgumentException("pixel buffer holds " + chw.length + " floats, need " + (long) n * per);
        }
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(java.nio.FloatBuffer.wrap(chw, start * per, count * per),
                        new Shape(count, 3, imageSize(), imageSize()));
                copyRows(model.encodeImage(store, images, false), out, start);
            }
        }
        return out;
    }

    /** Embeds token rows (each exactly contextLength ids). */
    public float[][] encodeTokens(int[][] tokens) {
        float[][] out = new float[tokens.length][];
        for (int start = 0; start < tokens.length; start += batchSize) {
            int count = Math.min(batchSize, tokens.length - start);
            int[] flat = new int[count * contextLength()];
            for (int i = 0; i < count; i++) {
                int[] row = tokens[start + i];
                if (row.length != contextLength()) {
                    throw new IllegalArgumentException("token row " + (start + i) + " has " + row.length
                            + " ids, the model's context is " + contextLength());
                }
                System.arraycopy(row, 0, flat, i * contextLength(), contextLength());
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray ids = scope.create(flat, new Shape(count, contextLength()));
                copyRows(model.encodeText(store, ids, false), out, start);
            }
        }
        return out;
    }

    /** A text encoder that tokenizes with {@code tokenizer} (whose vocabulary must fit the model's). */
    public TextEncoder textEncoder(ClipTokenizer tokenizer) {
        if (tokenizer.vocabSize() > model.config().text().vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " ids but the model's vocabulary is "
                    + model.config().text().vocabSize() + ": wrong merges file for this checkpoint?");
        }
        return (List<String> texts) -> encodeTokens(tokenizer.tokenize(texts, contextLength()));
    }

    private static void copyRows(NDArray features, float[][] out, int start) {
        long[] shape = features.getShape().getShape();
        int d = (int) shape[1];
        float[] flat = features.toFloatArray();
        for (int i = 0; i < shape[0]; i++) {
            out[start + i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
