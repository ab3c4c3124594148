package io.dihit.examples.demo;

import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiConcept;
import io.dihit.examples.data.EmojiStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Every concept's image in every style, decoded (alpha on white) and preprocessed once for evaluation
 * (resize, centre crop, CLIP normalisation) with dihit-core's image pipeline: the teacher, the
 * soft-label precompute and all evaluations read these instead of decoding 7,428 PNGs again.
 */
public final class EmojiPixels {

    private final int size;
    private final Map<EmojiStyle, float[][]> pixels;
    private final Map<String, float[]> added;

    private EmojiPixels(int size, Map<EmojiStyle, float[][]> pixels, Map<String, float[]> added) {
        this.size = size;
        this.pixels = pixels;
        this.added = added;
    }

    /**
     * These images plus more keyed by {@link TrainPair#imageKey()} (the injected text-in-image pictures);
     * the emoji arrays are shared, not copied.
     */
    public EmojiPixels withImages(Map<String, float[]> byImageKey) {
        for (float[] image : byImageKey.values()) {
            if (image.length != floatsPerImage()) {
                throw new IllegalArgumentException("an added image has " + image.length + " floats, expected " + floatsPerImage());
            }
        }
        Map<String, float[]> all = new HashMap<>(added);
        all.putAll(byImageKey);
        return new EmojiPixels(size, pixels, Map.copyOf(all));
    }

    /** The pair's image: an added one under its image key, else its concept in its style; do not modify. */
    public float[] image(TrainPair pair) {
        float[] image = added.get(pair.imageKey());
        return image != null ? image : image(pair.style(), pair.concept());
    }

    /** Already preprocessed images (CHW floats per concept, catalog order) of each style. */
    static EmojiPixels of(int size, Map<EmojiStyle, float[][]> pixels) {
        return new EmojiPixels(size, new EnumMap<>(pixels), Map.of());
    }

    public static EmojiPixels load(DataLayout layout, List<EmojiConcept> concepts, int size, ProgressBar bar) {
        ImagePreprocessor preprocessor = ImagePreprocessor.evaluation(size);
        Map<EmojiStyle, float[][]> all = new EnumMap<>(EmojiStyle.class);
        AtomicInteger done = new AtomicInteger();
        for (EmojiStyle style : EmojiStyle.values()) {
            float[][] out = new float[concepts.size()][];
            IntStream.range(0, concepts.size()).parallel().forEach(i -> {
                try {
                    out[i] = preprocessor.apply(ImageDecoder.decode(layout.styleImage(style, concepts.get(i).imageFile())), new Random(0));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot decode " + concepts.get(i).imageFile() + " (" + style.vendor() + ")", e);
                }
                bar.advanceTo(done.incrementAndGet());
            });
            all.put(style, out);
        }
        return new EmojiPixels(size, all, Map.of());
    }

    public int size() {
        return size;
    }

    public int floatsPerImage() {
        return 3 * size * size;
    }

    /** Preprocessed CHW floats of the concept at {@code index} (catalog order) in one style; do not modify. */
    public float[] image(EmojiStyle style, int index) {
        return pixels.get(style)[index];
    }

    /** The images at the given concept indices of one style, concatenated into one (N, 3, size, size) buffer. */
    public float[] batch(EmojiStyle style, int[] indices) {
        int per = floatsPerImage();
        float[] out = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels.get(style)[indices[i]], 0, out, i * per, per);
        }
        return out;
    }
}
