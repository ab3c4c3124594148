package io.dihit.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * The one batch type: what a {@link BatchSource} yields to training, soft-label precompute and the
 * demo. Pixels and tokens stay Java arrays so any loader thread can build a batch; the consumer turns
 * them into NDArrays inside its own scoped manager ({@link #images}, {@link #tokenArray}).
 *
 * @param epoch     the epoch it belongs to
 * @param ids       sample ids, in batch order
 * @param pixels    N*3*H*W normalised floats, sample-major, CHW within a sample
 * @param imageSize H = W
 * @param tokens    one token row per sample, all of one length (the context length; 0 for image-only batches)
 * @param next      the state to resume from after this batch
 */
public record Batch(int epoch, List<String> ids, float[] pixels, int imageSize, int[][] tokens, LoaderState next) {
    public Batch {
        ids = List.copyOf(ids);
        if (ids.isEmpty() || imageSize <= 0) {
            throw new IllegalArgumentException("a batch needs at least one sample and a positive image size, got "
                    + ids.size() + " ids at " + imageSize + " px");
        }
        if (pixels.length != (long) ids.size() * 3 * imageSize * imageSize || tokens.length != ids.size()) {
            throw new IllegalArgumentException("inconsistent batch: " + ids.size() + " ids, " + pixels.length
                    + " floats at " + imageSize + " px, " + tokens.length + " token rows");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].length != tokens[0].length) {
                throw new IllegalArgumentException("token rows differ in length (" + tokens[0].length + " vs "
                        + tokens[i].length + " for " + ids.get(i) + "): the caption encoder must pad to a fixed context length");
            }
        }
    }

    /**
     * Batch {@code index} of an indexed source ({@link BatchSource#indexed}): epoch 0, resuming at
     * position {@code index + 1}, i.e. the position counts batches.
     */
    public static Batch indexed(long index, List<String> ids, float[] pixels, int imageSize, int[][] tokens) {
        return new Batch(0, ids, pixels, imageSize, tokens, new LoaderState(0, index + 1));
    }

    /** Images without captions (a teacher's input), in dataset order; {@link #next()} is not meaningful. */
    public static Batch imagesOnly(List<String> ids, float[] pixels, int imageSize) {
        return new Batch(0, ids, pixels, imageSize, new int[ids.size()][0], LoaderState.start());
    }

    public int size() {
        return ids.size();
    }

    /** Token ids per row; 0 for an image-only batch. */
    public int contextLength() {
        return tokens[0].length;
    }

    /** Images as a float32 (N, 3, H, W) array owned by {@code manager} (staged, see {@link EngineArrays}). */
    public NDArray images(NDManager manager) {
        return EngineArrays.floats(manager, pixels, new Shape(size(), 3, imageSize, imageSize));
    }

    /** Token rows as an int32 (N, L) array owned by {@code manager} (staged, see {@link EngineArrays}). */
    public NDArray tokenArray(NDManager manager) {
        int len = contextLength();
        if (len == 0) {
            throw new IllegalStateException("an image-only batch has no tokens");
        }
        int[] flat = new int[size() * len];
        for (int i = 0; i < tokens.length; i++) {
            System.arraycopy(tokens[i], 0, flat, i * len, len);
        }
        return EngineArrays.ints(manager, flat, new Shape(size(), len));
    }

    /** Rows [from, to) as a new batch with the same epoch and next state (gradient-cache chunks, replica shards). */
    public Batch slice(int from, int to) {
        int per = 3 * imageSize * imageSize;
        return new Batch(epoch, ids.subList(from, to), Arrays.copyOfRange(pixels, from * per, to * per), imageSize,
                Arrays.copyOfRange(tokens, from, to), next);
    }
}
