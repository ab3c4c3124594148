package io.dihit.train.distill;

import java.io.Serializable;

/**
 * How soft labels are computed and batched.
 *
 * @param topK        concepts kept per sample (probabilities renormalised over them)
 * @param temperature divides the teacher's logits before the softmax
 * @param batchSize   images per teacher call
 * @param threads     threads decoding and preprocessing images
 */
public record SoftLabelConfig(int topK, double temperature, int batchSize, int threads) implements Serializable {

    public SoftLabelConfig {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("teacher temperature must be finite and > 0, got " + temperature);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Top-10 at temperature 1, 64 images per call, one decoding thread per core. */
    public static SoftLabelConfig defaults() {
        return new SoftLabelConfig(10, 1.0, 64, Runtime.getRuntime().availableProcessors());
    }

    public SoftLabelConfig withTopK(int k) {
        return new SoftLabelConfig(k, temperature, batchSize, threads);
    }

    public SoftLabelConfig withTemperature(double t) {
        return new SoftLabelConfig(topK, t, batchSize, threads);
    }

    public SoftLabelConfig withBatchSize(int n) {
        return new SoftLabelConfig(topK, temperature, n, threads);
    }

    public SoftLabelConfig withThreads(int n) {
        return new SoftLabelConfig(topK, temperature, batchSize, n);
    }
}
