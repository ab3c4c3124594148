package io.dihit.filter.ocr;

import java.awt.image.BufferedImage;

/**
 * An opaque RGB raster ({@code 0xRRGGBB} per pixel, row-major) with the few operations OCR
 * preprocessing needs: alpha compositing on white, white padding, bilinear crop-and-resize, and
 * conversion to normalised CHW float tensors. Immutable. (Core's {@code io.dihit.core.image.RgbImage}
 * holds interleaved bytes for the training pipeline; OCR needs packed pixels and bilinear resampling.)
 */
final class OcrImage {
    private final int width;
    private final int height;
    private final int[] pixels;

    private OcrImage(int width, int height, int[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must not be empty: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** The image with transparent pixels composited on white (emoji are transparent PNGs). */
    public static OcrImage onWhite(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int[] rgb = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int a = argb[i] >>> 24;
            int r = blendOnWhite((argb[i] >> 16) & 0xFF, a);
            int g = blendOnWhite((argb[i] >> 8) & 0xFF, a);
            int b = blendOnWhite(argb[i] & 0xFF, a);
            rgb[i] = (r << 16) | (g << 8) | b;
        }
        return new OcrImage(w, h, rgb);
    }

    private static int blendOnWhite(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int rgb(int x, int y) {
        return pixels[y * width + x];
    }

    /** A white border of {@code pad} pixels on every side (DB detection misses text touching the edge). */
    public OcrImage paddedWithWhite(int pad) {
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be >= 0, got " + pad);
        }
        if (pad == 0) {
            return this;
        }
        int w = width + 2 * pad, h = height + 2 * pad;
        int[] out = new int[w * h];
        java.util.Arrays.fill(out, 0xFFFFFF);
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width, out, (y + pad) * w + pad, width);
        }
        return new OcrImage(w, h, out);
    }

    /**
     * The region {@code [x0, x1) x [y0, y1)} (continuous coordinates, may be fractional) resampled
     * bilinearly to {@code outWidth x outHeight}, with pixel-centre alignment like OpenCV's
     * {@code INTER_LINEAR}; samples outside the image repeat the border.
     */
    public OcrImage resampled(double x0, double y0, double x1, double y1, int outWidth, int outHeight) {
        if (outWidth <= 0 || outHeight <= 0 || !(x1 > x0) || !(y1 > y0)) {
            throw new IllegalArgumentException("bad resample region or size");
        }
        double sx = (x1 - x0) / outWidth, sy = (y1 - y0) / outHeight;
        int[] out = new int[outWidth * outHeight];
        for (int oy = 0; oy < outHeight; oy++) {
            double fy = clamp(y0 + (oy + 0.5) * sy - 0.5, height - 1);
            int yA = (int) fy;
            int yB = Math.min(yA + 1, height - 1);
            double wy = fy - yA;
            for (int ox = 0; ox < outWidth; ox++) {
                double fx = clamp(x0 + (ox + 0.5) * sx - 0.5, width - 1);
                int xA = (int) fx;
                int xB = Math.min(xA + 1, width - 1);
                double wx = fx - xA;
                int p00 = pixels[yA * width + xA], p01 = pixels[yA * width + xB];
                int p10 = pixels[yB * width + xA], p11 = pixels[yB * width + xB];
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double top = ((p00 >> shift) & 0xFF) * (1 - wx) + ((p01 >> shift) & 0xFF) * wx;
                    double bottom = ((p10 >> shift) & 0xFF) * (1 - wx) + ((p11 >> shift) & 0xFF) * wx;
                    int v = (int) Math.round(top * (1 - wy) + bottom * wy);
                    rgb |= Math.min(255, Math.max(0, v)) << shift;
                }
                out[oy * outWidth + ox] = rgb;
            }
        }
        return new OcrImage(outWidth, outHeight, out);
    }

    /** The whole image resampled to a new size. */
    public OcrImage resized(int outWidth, int outHeight) {
        return resampled(0, 0, width, height, outWidth, outHeight);
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /**
     * Writes the image as a normalised CHW tensor into {@code dst} at {@code offset}, in BGR channel
     * order (PaddleOCR models were trained on OpenCV's BGR images):
     * {@code dst[c][y][x0 + x] = (value / 255 - mean[c]) / std[c]} where c = 0 is blue. The tensor
     * row length is {@code rowWidth >= width()}; columns beyond the image are left untouched
     * (the recogniser pads with zeros there).
     */
    public void writeBgrChw(float[] dst, int offset, int rowWidth, int rows, float[] mean, float[] std) {
        if (rowWidth < width || rows != height || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("tensor " + rows + "x" + rowWidth + " cannot hold " + height + "x" + width);
        }
        int plane = rowWidth * rows;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = pixels[y * width + x];
                int at = offset + y * rowWidth + x;
                dst[at] = ((p & 0xFF) / 255f - mean[0]) / std[0];
                dst[at + plane] = (((p >> 8) & 0xFF) / 255f - mean[1]) / std[1];
                dst[at + 2 * plane] = (((p >> 16) & 0xFF) / 255f - mean[2]) / std[2];
            }
        }
    }
}
