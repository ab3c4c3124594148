package io.dihit.core.image;

import java.util.Random;

/**
 * The geometric and colour steps of CLIP / DiHT preprocessing, following torchvision's
 * definitions on PIL images (rounding included) so that outputs match the reference pipeline.
 */
final class ImageTransforms {
    private ImageTransforms() {
    }

    /** Bicubic (Pillow-exact) resize to the given size. */
    public static RgbImage resize(RgbImage img, int width, int height) {
        return BicubicResampler.resize(img, width, height);
    }

    /**
     * Resizes so the shorter side equals {@code size}, keeping the aspect ratio; the longer side is
     * {@code floor(size * long / short)} as in torchvision's {@code Resize(int)}.
     */
    public static RgbImage resizeShorterSide(RgbImage img, int size) {
        int w = img.width();
        int h = img.height();
        if (w <= h) {
            return resize(img, size, (int) ((long) size * h / w));
        }
        return resize(img, (int) ((long) size * w / h), size);
    }

    /** Copies the pixels inside {@code box}. */
    public static RgbImage crop(RgbImage img, CropBox box) {
        if (box.left() + box.width() > img.width() || box.top() + box.height() > img.height()) {
            throw new IllegalArgumentException(box + " exceeds image " + img.width() + "x" + img.height());
        }
        byte[] out = new byte[box.width() * box.height() * 3];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(img.rgb(), ((box.top() + y) * img.width() + box.left()) * 3, out, y * box.width() * 3, box.width() * 3);
        }
        return new RgbImage(box.width(), box.height(), out);
    }

    /**
     * The centred {@code size x size} box; offsets round half to even like Python's {@code round}
     * in torchvision's {@code CenterCrop}.
     */
    public static CropBox centerCropBox(int width, int height, int size) {
        if (size > width || size > height) {
            throw new IllegalArgumentException("crop " + size + " larger than image " + width + "x" + height);
        }
        int top = (int) Math.rint((height - size) / 2.0);
        int left = (int) Math.rint((width - size) / 2.0);
        return new CropBox(left, top, size, size);
    }

    /** Evaluation geometry: shorter side to {@code size}, then the centred square. */
    public static RgbImage resizeAndCenterCrop(RgbImage img, int size) {
        RgbImage r = resizeShorterSide(img, size);
        return crop(r, centerCropBox(r.width(), r.height(), size));
    }

    /**
     * torchvision {@code RandomResizedCrop.get_params}: up to 10 tries of a box with area fraction
     * uniform in [minScale, maxScale) and log-uniform aspect ratio in [minRatio, maxRatio) that
     * fits; otherwise the centred box of the whole image clamped to the ratio range.
     */
    public static CropBox randomResizedCropBox(int width, int height, double minScale, double maxScale,
                                               double minRatio, double maxRatio, Random rng) {
        double area = (double) width * height;
        // StrictMath: the same boxes on every JVM and CPU, so a seed reproduces a run anywhere
        double logMin = StrictMath.log(minRatio);
        double logMax = StrictMath.log(maxRatio);
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * (minScale + (maxScale - minScale) * rng.nextDouble());
            double aspect = StrictMath.exp(logMin + (logMax - logMin) * rng.nextDouble());
            int w = (int) Math.rint(StrictMath.sqrt(targetArea * aspect));
            int h = (int) Math.rint(StrictMath.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < minRatio) {
            h = (int) Math.rint(width / minRatio);
        } else if (inRatio > maxRatio) {
            w = (int) Math.rint(height * maxRatio);
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }

    /** The crop resized to {@code size x size} (torchvision {@code resized_crop}). */
    public static RgbImage resizedCrop(RgbImage img, CropBox box, int size) {
        return resize(crop(img, box), size, size);
    }

    /**
     * {@code ToTensor} then {@code Normalize}: channel-first floats {@code (v/255 - mean[c]) / std[c]},
     * computed in float32 exactly as torch does.
     */
    public static float[] normalize(RgbImage img, ChannelStats mean, ChannelStats std) {
        float[] out = new float[3 * img.width() * img.height()];
        normalizeInto(img, mean, std, out, 0);
        return out;
    }

    /** As {@link #normalize} but writing into {@code out} from {@code offset} (batch assembly). */
    public static void normalizeInto(RgbImage img, ChannelStats mean, ChannelStats std, float[] out, int offset) {
        int plane = img.width() * img.height();
        byte[] rgb = img.rgb();
        float[] lut = new float[256];
        for (int c = 0; c < 3; c++) {
            float m = mean.get(c);
            float s = std.get(c);
            for (int v = 0; v < 256; v++) { // the same float32 expression, evaluated once per byte value
                lut[v] = (v / 255f - m) / s;
            }
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = lut[rgb[i * 3 + c] & 0xff];
            }
        }
    }
}
