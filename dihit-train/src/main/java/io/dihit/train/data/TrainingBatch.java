package io.dihit.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One contrastive batch: images and their caption token rows (row i of each is a positive pair),
 * flattened row-major (N, contextLength) int ids as the tokenizer pads them.
 */
public record TrainingBatch(ImageBatch images, int[] tokens, int contextLength) {

    public TrainingBatch {
        if (contextLength <= 0) {
            throw new IllegalArgumentException("context length must be positive, got " + contextLength);
        }
        if (tokens.length != (long) images.size() * contextLength) {
            throw new IllegalArgumentException("expected " + images.size() + " token rows of " + contextLength
                    + " ids, got " + tokens.length + " ids");
        }
    }

    public static TrainingBatch of(List<String> ids, float[] pixels, int channels, int height, int width,
                                   int[][] tokenRows) {
        int context = tokenRows.length == 0 ? 0 : tokenRows[0].length;
        int[] flat = new int[tokenRows.length * context];
        for (int i = 0; i < tokenRows.length; i++) {
            if (tokenRows[i].length != context) {
                throw new IllegalArgumentException("token row " + i + " has " + tokenRows[i].length
                        + " ids, expected " + context);
            }
            System.arraycopy(tokenRows[i], 0, flat, i * context, context);
        }
        return new TrainingBatch(new ImageBatch(ids, pixels, channels, height, width), flat, context);
    }

    public int size() {
        return images.size();
    }

    public List<String> ids() {
        return images.ids();
    }

    public NDArray tokensNDArray(NDManager manager) {
        return EngineArrays.ints(manager, tokens, new Shape(size(), contextLength));
    }

    public TrainingBatch slice(int from, int to) {
        int[] part = java.util.Arrays.copyOfRange(tokens, from * contextLength, to * contextLength);
        return new TrainingBatch(images.slice(from, to), part, contextLength);
    }
}
