package io.dihit.core.data;

/**
 * Settings of a {@link BatchLoader}.
 *
 * @param batchSize       samples per batch
 * @param threads         decode/augment worker threads
 * @param prefetchBatches how many batches' worth of samples may be decoded ahead (bounds memory)
 * @param seed            drives the per-epoch shuffle and the per-sample augmentation
 * @param shuffle         shuffle each epoch (else dataset order)
 * @param dropLast        drop an epoch's final incomplete batch (training) or emit it (evaluation)
 */
public record LoaderConfig(int batchSize, int threads, int prefetchBatches, long seed, boolean shuffle, boolean dropLast) {
    public LoaderConfig {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (prefetchBatches <= 0) {
            throw new IllegalArgumentException("prefetchBatches must be positive, got " + prefetchBatches);
        }
    }

    /** Training defaults: shuffled, last incomplete batch dropped, 2 batches of prefetch, all cores. */
    public static LoaderConfig training(int batchSize, long seed) {
        return new LoaderConfig(batchSize, Runtime.getRuntime().availableProcessors(), 2, seed, true, true);
    }

    /** Evaluation defaults: dataset order, every sample emitted. */
    public static LoaderConfig evaluation(int batchSize) {
        return new LoaderConfig(batchSize, Runtime.getRuntime().availableProcessors(), 2, 0, false, false);
    }

    public LoaderConfig withThreads(int n) {
        return new LoaderConfig(batchSize, n, prefetchBatches, seed, shuffle, dropLast);
    }

    public LoaderConfig withPrefetchBatches(int n) {
        return new LoaderConfig(batchSize, threads, n, seed, shuffle, dropLast);
    }

    public LoaderConfig withSeed(long s) {
        return new LoaderConfig(batchSize, threads, prefetchBatches, s, shuffle, dropLast);
    }
}
