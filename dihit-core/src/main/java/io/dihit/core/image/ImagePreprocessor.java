package io.dihit.core.image;

import java.util.Random;

/**
 * DiHT image preprocessing as an immutable config. Training: RandomResizedCrop to
 * {@code size x size} with area scale in [scaleMin, scaleMax) and aspect ratio in
 * [ratioMin, ratioMax) (DiHT trains with scale (0.9, 1.0), ratio (3/4, 4/3)). Evaluation: shorter
 * side to {@code size}, centre crop. Both bicubic, then CLIP mean/std normalisation to CHW floats.
 */
public record ImagePreprocessor(int size, boolean training, double scaleMin, double scaleMax,
                                double ratioMin, double ratioMax, ChannelStats mean, ChannelStats std) {
    public ImagePreprocessor {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException("need 0 < scaleMin <= scaleMax <= 1, got " + scaleMin + ", " + scaleMax);
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax)) {
            throw new IllegalArgumentException("need 0 < ratioMin <= ratioMax, got " + ratioMin + ", " + ratioMax);
        }
        if (mean == null || std == null) {
            throw new IllegalArgumentException("mean and std are required");
        }
        if (std.r() <= 0 || std.g() <= 0 || std.b() <= 0) {
            throw new IllegalArgumentException("std must be positive: " + std);
        }
    }

    /** DiHT training preprocessing at the given size. */
    public static ImagePreprocessor training(int size) {
        return new ImagePreprocessor(size, true, 0.9, 1.0, 3.0 / 4.0, 4.0 / 3.0, ChannelStats.CLIP_MEAN, ChannelStats.CLIP_STD);
    }

    /** DiHT / CLIP evaluation preprocessing at the given size. */
    public static ImagePreprocessor evaluation(int size) {
        return new ImagePreprocessor(size, false, 0.9, 1.0, 3.0 / 4.0, 4.0 / 3.0, ChannelStats.CLIP_MEAN, ChannelStats.CLIP_STD);
    }

    public ImagePreprocessor withScale(double min, double max) {
        return new ImagePreprocessor(size, training, min, max, ratioMin, ratioMax, mean, std);
    }

    public ImagePreprocessor withRatio(double min, double max) {
        return new ImagePreprocessor(size, training, scaleMin, scaleMax, min, max, mean, std);
    }

    public ImagePreprocessor withNormalization(ChannelStats mean, ChannelStats std) {
        return new ImagePreprocessor(size, training, scaleMin, scaleMax, ratioMin, ratioMax, mean, std);
    }

    /** Floats per image: 3 * size * size. */
    public int floatsPerImage() {
        return 3 * size * size;
    }

    /** The geometric part: the {@code size x size} RGB image fed to normalisation. */
    public RgbImage geometry(RgbImage img, Random rng) {
        if (!training) {
            return ImageTransforms.resizeAndCenterCrop(img, size);
        }
        CropBox box = ImageTransforms.randomResizedCropBox(img.width(), img.height(), scaleMin, scaleMax, ratioMin, ratioMax, rng);
        return ImageTransforms.resizedCrop(img, box, size);
    }

    /** Preprocesses to CHW floats; {@code rng} drives the training augmentation (unused in evaluation). */
    public float[] apply(RgbImage img, Random rng) {
        return ImageTransforms.normalize(geometry(img, rng), mean, std);
    }

    /** Writes the CHW floats of one image into a batch buffer at {@code offset}. */
    public void applyInto(RgbImage img, Random rng, float[] out, int offset) {
        ImageTransforms.normalizeInto(geometry(img, rng), mean, std, out, offset);
    }
}
