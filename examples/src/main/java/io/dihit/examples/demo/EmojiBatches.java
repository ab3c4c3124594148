package io.dihit.examples.demo;

import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchSource;
import io.dihit.core.text.ClipTokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's pre-training batches, served from the in-memory image cache and captions tokenised once.
 * Each epoch is a fresh permutation of the pairs drawn from the seed and the epoch number, so
 * a run resumes at any batch exactly. Images are the evaluation-preprocessed 32 px emoji
 * (no random crop: DiHT's crop scale (0.9, 1.0) would move a 32 px icon by at most a pixel or two).
 */
public final class EmojiBatches {

    private final List<TrainPair> pairs;
    private final int[][] tokens;
    private final EmojiPixels pixels;
    private final int batchSize;
    private final long seed;

    public EmojiBatches(List<TrainPair> pairs, ClipTokenizer tokenizer, int contextLength, EmojiPixels pixels, int batchSize, long seed) {
        if (pairs.size() < batchSize) {
            throw new IllegalArgumentException(pairs.size() + " pairs cannot fill a batch of " + batchSize);
        }
        this.pairs = List.copyOf(pairs);
        this.tokens = tokenizer.tokenize(pairs.stream().map(TrainPair::caption).toList(), contextLength);
        this.pixels = pixels;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public int batchesPerEpoch() {
        return pairs.size() / batchSize;
    }

    /** As an indexed source: batch i depends only on i, so checkpoints resume exactly. */
    public BatchSource source() {
        return BatchSource.indexed(this::batchAt, Long.MAX_VALUE);
    }

    private long cachedEpoch = -1;
    private List<Integer> cachedOrder;

    synchronized Batch batchAt(long index) {
        long epoch = index / batchesPerEpoch();
        if (epoch != cachedEpoch) {
            cachedOrder = permutation(epoch);
            cachedEpoch = epoch;
        }
        int from = (int) (index % batchesPerEpoch()) * batchSize;
        return batch(index, cachedOrder.subList(from, from + batchSize));
    }

    private List<Integer> permutation(long epoch) {
        List<Integer> order = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        return order;
    }

    private Batch batch(long index, List<Integer> rows) {
        List<String> ids = new ArrayList<>(rows.size());
        int per = pixels.floatsPerImage();
        float[] flat = new float[rows.size() * per];
        int[][] tokenRows = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            TrainPair p = pairs.get(rows.get(i));
            ids.add(p.imageKey());
            System.arraycopy(pixels.image(p), 0, flat, i * per, per);
            tokenRows[i] = tokens[rows.get(i)];
        }
        return Batch.indexed(index, ids, flat, pixels.size(), tokenRows);
    }

    /** Each distinct image of the pairs once, keyed by {@link TrainPair#imageKey()}, as teacher input. */
    public static Iterator<Batch> imagesOf(List<TrainPair> allPairs, EmojiPixels pixels, int batchSize) {
        Map<String, TrainPair> distinct = new LinkedHashMap<>();
        allPairs.forEach(p -> distinct.putIfAbsent(p.imageKey(), p));
        List<TrainPair> pairs = List.copyOf(distinct.values());
        return new Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < pairs.size();
            }

            @Override
            public Batch next() {
                int to = Math.min(pairs.size(), from + batchSize);
                int per = pixels.floatsPerImage();
                float[] flat = new float[(to - from) * per];
                List<String> ids = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    TrainPair p = pairs.get(i);
                    ids.add(p.imageKey());
                    System.arraycopy(pixels.image(p), 0, flat, (i - from) * per, per);
                }
                from = to;
                return Batch.imagesOnly(ids, flat, pixels.size());
            }
        };
    }
}
