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
public record DistillConfig(int topK, double temperature, int batchSize, int threads) implements Serializable {

    public DistillConfig {
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
    public static DistillConfig defaults() {
        return new DistillConfig(10, 1.0, 64, Runtime.getRuntime().availableProcessors());
    }

    public DistillConfig withTopK(int k) {
        return new DistillConfig(k, temperature, batchSize, threads);
    }

    public DistillConfig withTemperature(double t) {
        return new DistillConfig(topK, t, batchSize, threads);
    }

    public DistillConfig withBatchSize(int n) {
        return new DistillConfig(topK, temperature, n, threads);
    }

    public DistillConfig withThreads(int n) {
        return new DistillConfig(topK, temperature, batchSize, n);
    }
}
