package io.dihit.core.data;

import io.dihit.core.image.ImageDecodeException;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training batches from an {@link ImageTextDataset}: images are read, decoded and augmented on a
 * thread pool, at most {@code prefetchBatches * batchSize} samples ahead of the consumer.
 *
 * <p>Determinism: epoch {@code e} visits the dataset in a permutation drawn from
 * {@code (seed, e)}; sample {@code i}'s augmentation uses a {@link Random} seeded from
 * {@code (seed, e, i)}; results are consumed in order. So batches depend only on the seed, the
 * data and the start state, never on thread count or timing, and resuming from a batch's
 * {@link Batch#next()} state reproduces the rest of the run exactly.
 *
 * <p>Accounting: a sample whose image is missing or unreadable, whose caption is empty or whose
 * caption the encoder refuses is skipped, counted in {@link #report()} and logged; for every
 * consumed position, kept + skipped = read. Batches never span epochs; with {@code dropLast}
 * an epoch's incomplete final batch is dropped and its samples counted in
 * {@link #droppedIncomplete()}.
 *
 * <p>Iterate with {@link #batches(LoaderState, int)}; close the loader to stop its threads.
 */
public final class BatchLoader implements AutoCloseable {
    private final ImageTextDataset dataset;
    private final LoaderConfig config;
    private final ImagePreprocessor preprocessor;
    private final CaptionEncoder encoder;
    private final ExecutorService pool;
    private final DataReport report = new DataReport("loader");
    private long droppedIncomplete;

    public BatchLoader(ImageTextDataset dataset, LoaderConfig config, ImagePreprocessor preprocessor, CaptionEncoder encoder) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("dataset is empty");
        }
        this.dataset = dataset;
        this.config = config;
        this.preprocessor = preprocessor;
        this.encoder = encoder;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "dihit-loader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(config.threads(), tf);
    }

    public LoaderConfig config() {
        return config;
    }

    /** Samples read, kept and skipped (by reason) by this loader so far. */
    public DataReport report() {
        return report;
    }

    /** Kept samples not emitted because they formed an epoch's incomplete final batch (dropLast). */
    public synchronized long droppedIncomplete() {
        return droppedIncomplete;
    }

    /** Number of full batches per epoch if no sample were skipped. */
    public long nominalBatchesPerEpoch() {
        return config.dropLast() ? dataset.size() / config.batchSize()
                : (dataset.size() + config.batchSize() - 1) / config.batchSize();
    }

    /**
     * Batches from {@code start} up to the end of epoch {@code endEpoch - 1}. One iteration at a
     * time per loader (they share the pool and the counters).
     */
    public BatchSource.Batches batches(LoaderState start, int endEpoch) {
        if (start.position() > dataset.size()) {
            throw new IllegalArgumentException("position " + start.position() + " beyond the dataset size " + dataset.size());
        }
        return new Pass(start, endEpoch);
    }

    /** This loader as a source of {@code epochs} passes over the data (what training consumes). */
    public BatchSource source(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        return from -> batches(from, epochs);
    }

    /** The visiting order of an epoch: a permutation of dataset indices. */
    int[] order(int epoch) {
        int n = dataset.size();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (config.shuffle()) {
            SplittableRandom r = new SplittableRandom(mix(config.seed(), epoch, -1));
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    /** Combines seeds with SplitMix64 finalisation so nearby inputs give unrelated streams. */
    static long mix(long seed, long a, long b) {
        long h = seed;
        for (long x : new long[] {a, b}) {
            h = (h ^ x) + 0x9E3779B97F4A7C15L;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }

    /** A decoded sample or the reason it was not. */
    private record Decoded(int index, float[] pixels, SkipReason reason, String detail) {
    }

    private Decoded decode(int epoch, int index) {
        ImageTextRecord r = dataset.get(index);
        if (r.caption().isBlank()) {
            return new Decoded(index, null, SkipReason.EMPTY_CAPTION, "empty caption");
        }
        try {
            byte[] bytes = dataset.readImage(index);
            float[] px = preprocessor.apply(ImageDecoder.decode(bytes), new Random(mix(config.seed(), epoch, index)));
            return new Decoded(index, px, null, null);
        } catch (NoSuchFileException e) {
            return new Decoded(index, null, SkipReason.MISSING_FILE, "missing " + r.image());
        } catch (ImageDecodeException e) {
            return new Decoded(index, null, SkipReason.UNREADABLE_IMAGE, r.image() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Decoded(index, null, SkipReason.IO_ERROR, r.image() + ": " + e);
        }
    }

    private record Pending(int epoch, long position, Future<Decoded> result) {
    }

    /**
     * One pass over the data from a start state; submits work ahead and consumes it in order.
     * Close it when stopping early so samples decoded ahead are cancelled.
     */
    private final class Pass implements BatchSource.Batches {
        private final int endEpoch;
        private final ArrayDeque<Pending> inflight = new ArrayDeque<>();
        private final int capacity = config.prefetchBatches() * config.batchSize();
        private int epoch;
        private long position;
        private int submitEpoch;
        private long submitPosition;
        private int[] submitOrder;
        private Batch next;

        private Pass(LoaderState start, int endEpoch) {
            this.endEpoch = endEpoch;
            this.epoch = this.submitEpoch = start.epoch();
            this.position = this.submitPosition = start.position();
        }

        private void submitAhead() {
            int n = dataset.size();
            while (inflight.size() < capacity && submitEpoch < endEpoch) {
                if (submitPosition == n) {
                    submitEpoch++;
                    submitPosition = 0;
                    submitOrder = null;
                    continue;
                }
                if (submitOrder == null) {
                    submitOrder = order(submitEpoch);
                }
                int e = submitEpoch;
                int idx = submitOrder[(int) submitPosition];
                inflight.add(new Pending(e, submitPosition, pool.submit(() -> decode(e, idx))));
                submitPosition++;
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = assemble();
            }
            return next != null;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Batch b = next;
            next = null;
            return b;
        }

        private Batch assemble() {
            int n = dataset.size();
            int size = preprocessor.size();
            List<String> ids = new ArrayList<>();
            List<float[]> pixels = new ArrayList<>();
            List<int[]> tokens = new ArrayList<>();
            while (epoch < endEpoch) {
                if (position == n) {
                    int e = epoch;
                    epoch++;
                    position = 0;
                    if (!ids.isEmpty()) {
                        if (!config.dropLast()) {
                            return build(e, ids, pixels, tokens, size);
                        }
                        synchronized (BatchLoader.this) {
                            droppedIncomplete += ids.size();
                        }
                        ids.clear();
                        pixels.clear();
                        tokens.clear();
                    }
                    continue;
                }
                submitAhead();
                Pending p = inflight.poll();
                if (p == null || p.epoch() != epoch || p.position() != position) {
                    throw new IllegalStateException("loader out of step at epoch " + epoch + " position " + position);
                }
                Decoded d = await(p.result());
                position++;
                ImageTextRecord r = dataset.get(d.index());
                if (d.reason() != null) {
                    report.skip(p.position(), r.id(), d.reason(), "epoch " + p.epoch() + ": " + d.detail());
                    continue;
                }
                int[] row;
                try {
                    row = encoder.encode(r.caption());
                } catch (RuntimeException e) {
                    report.skip(p.position(), r.id(), SkipReason.CAPTION_ENCODING_FAILED, "epoch " + p.epoch() + ": " + e.getMessage());
                    continue;
                }
                report.kept();
                ids.add(r.id());
                pixels.add(d.pixels());
                tokens.add(row);
                if (ids.size() == config.batchSize()) {
                    return build(epoch, ids, pixels, tokens, size);
                }
            }
            return null;
        }

        private Batch build(int batchEpoch, List<String> ids, List<float[]> pixels, List<int[]> tokens, int size) {
            int per = 3 * size * size;
            float[] flat = new float[ids.size() * per];
            for (int i = 0; i < pixels.size(); i++) {
                System.arraycopy(pixels.get(i), 0, flat, i * per, per);
            }
            LoaderState after = position == dataset.size() ? new LoaderState(epoch + 1, 0) : new LoaderState(epoch, position);
            if (batchEpoch != epoch) { // emitted at an epoch boundary: epoch/position already advanced
                after = new LoaderState(epoch, position);
            }
            return new Batch(batchEpoch, ids, flat, size, tokens.toArray(new int[0][]), after);
        }

        /** Cancels the samples decoded ahead; the loader stays usable. */
        @Override
        public void close() {
            for (Pending p : inflight) {
                p.result().cancel(false);
            }
            inflight.clear();
            epoch = endEpoch;
            submitEpoch = endEpoch;
        }

        private Decoded await(Future<Decoded> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a sample", e);
            } catch (ExecutionException e) {
                // decode() catches every Exception, so only an Error (e.g. OutOfMemoryError) lands here
                throw new IllegalStateException("sample worker failed", e.getCause());
            }
        }
    }

    /** Stops the worker threads; iterators become unusable. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
