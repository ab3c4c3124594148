package io.dihit.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Engine-neutral images of one batch: sample ids and CHW float pixels (already normalised the way
 * the consuming model expects), row-major (N, C, H, W). Kept as a Java array so batches can be
 * produced by any loader thread and turned into an NDArray inside the consumer's scoped manager.
 */
public record ImageBatch(List<String> ids, float[] pixels, int channels, int height, int width) {

    public ImageBatch {
        ids = List.copyOf(ids);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("an image batch needs at least one sample");
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
        }
        long expected = (long) ids.size() * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " pixel values for " + ids.size()
                    + " images of " + channels + "x" + height + "x" + width + ", got " + pixels.length);
        }
    }

    public int size() {
        return ids.size();
    }

    public Shape shape() {
        return new Shape(ids.size(), channels, height, width);
    }

    /** The pixels as an engine-allocated array (see {@link EngineArrays} for why it is a copy). */
    public NDArray toNDArray(NDManager manager) {
        return EngineArrays.floats(manager, pixels, shape());
    }

    /** Rows [from, to) as a new batch (used to split a batch into gradient-cache chunks or shards). */
    public ImageBatch slice(int from, int to) {
        int per = channels * height * width;
        float[] part = java.util.Arrays.copyOfRange(pixels, from * per, to * per);
        return new ImageBatch(ids.subList(from, to), part, channels, height, width);
    }
}
