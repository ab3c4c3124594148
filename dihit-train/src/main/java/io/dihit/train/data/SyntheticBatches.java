package io.dihit.train.data;

import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchSource;
import io.dihit.core.data.LoaderState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random batches of a model's input shapes: Gaussian "normalised" pixels and token rows
 * (start id, random ids, end id as the largest id, zero padding). Batch b depends only on
 * (seed, b), so every position can be reopened exactly. For benchmarks and smoke runs.
 */
public final class SyntheticBatches implements BatchSource {

    private final long seed;
    private final int batchSize;
    private final int imageSize;
    private final int contextLength;
    private final int vocabSize;
    private final long totalBatches;

    public SyntheticBatches(long seed, int batchSize, int imageSize, int contextLength, int vocabSize, long totalBatches) {
        if (batchSize < 1 || imageSize < 1 || contextLength < 3 || vocabSize < 4 || totalBatches < 1) {
            throw new IllegalArgumentException("bad synthetic data shape");
        }
        this.seed = seed;
        this.batchSize = batchSize;
        this.imageSize = imageSize;
        this.contextLength = contextLength;
        this.vocabSize = vocabSize;
        this.totalBatches = totalBatches;
    }

    public Batch batch(long index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        float[] pixels = new float[batchSize * 3 * imageSize * imageSize];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) nextGaussian(random);
        }
        int start = vocabSize - 2;
        int end = vocabSize - 1;
        int[][] tokens = new int[batchSize][contextLength];
        List<String> ids = new ArrayList<>(batchSize);
        for (int row = 0; row < batchSize; row++) {
            ids.add("synthetic-" + (index * batchSize + row));
            int length = 1 + random.nextInt(contextLength - 2);
            tokens[row][0] = start;
            for (int t = 1; t <= length; t++) {
                tokens[row][t] = random.nextInt(start);
            }
            tokens[row][length + 1] = end;
        }
        return Batch.indexed(index, ids, pixels, imageSize, tokens);
    }

    private static double nextGaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public Batches open(LoaderState from) {
        return BatchSource.indexed(this::batch, totalBatches).open(from);
    }
}
