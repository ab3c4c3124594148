package io.dihit.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * One batch from a {@link BatchLoader}.
 *
 * @param epoch     the epoch it belongs to
 * @param ids       sample ids, in batch order
 * @param pixels    N*3*H*W normalised floats, sample-major, CHW within a sample
 * @param imageSize H = W
 * @param tokens    one token row per sample
 * @param next      the state to resume from after this batch
 */
public record Batch(int epoch, List<String> ids, float[] pixels, int imageSize, int[][] tokens, LoaderState next) {
    public Batch {
        ids = List.copyOf(ids);
        if (pixels.length != ids.size() * 3 * imageSize * imageSize || tokens.length != ids.size()) {
            throw new IllegalArgumentException("inconsistent batch: " + ids.size() + " ids, " + pixels.length
                    + " floats at " + imageSize + " px, " + tokens.length + " token rows");
        }
    }

    public int size() {
        return ids.size();
    }

    /** Images as a float32 (N, 3, H, W) array owned by {@code manager}. */
    public NDArray images(NDManager manager) {
        return manager.create(pixels, new Shape(size(), 3, imageSize, imageSize));
    }

    /** Token rows as an int32 (N, L) array owned by {@code manager}; all rows must have length L. */
    public NDArray tokenArray(NDManager manager) {
        int len = tokens[0].length;
        int[] flat = new int[size() * len];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].length != len) {
                throw new IllegalStateException("token rows differ in length (" + len + " vs " + tokens[i].length
                        + " for " + ids.get(i) + "): the caption encoder must pad to a fixed context length");
            }
            System.arraycopy(tokens[i], 0, flat, i * len, len);
        }
        return manager.create(flat, new Shape(size(), len));
    }

    /** {@code NDList(images, tokens)}, the input of {@code ClipModel.forward}. */
    public NDList toNDList(NDManager manager) {
        return new NDList(images(manager), tokenArray(manager));
    }
}
