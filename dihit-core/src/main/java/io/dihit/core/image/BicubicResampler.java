package io.dihit.core.image;

/**
 * Bicubic resampling exactly as Pillow does it ({@code Image.resize(size, BICUBIC)}), which is what
 * CLIP / DiHT preprocessing uses through torchvision: a separable convolution with the a = -0.5
 * cubic kernel whose support widens by the reduction factor when shrinking (antialiasing), 22-bit
 * fixed-point weights, a horizontal pass into an 8-bit intermediate, then a vertical pass. Matching
 * Pillow byte for byte keeps pixels identical to the reference pipeline the checkpoints were
 * trained with. (Java2D's bicubic does not antialias when shrinking.)
 */
final class BicubicResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private BicubicResampler() {
    }

    /** Per output pixel: first input index, count, and fixed-point weights ({@code ksize} per pixel). */
    private record Coeffs(int ksize, int[] start, int[] count, int[] weights) {
    }

    private static double cubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    private static Coeffs coeffs(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * ksize];
        double[] k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                k[x] = cubic((x + xmin - center + 0.5) * ss);
                ww += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * ksize + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = xmax;
        }
        return new Coeffs(ksize, start, count, weights);
    }

    private static int clip8(int v) {
        if (v >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return v >> PRECISION_BITS;
    }

    /** Resizes {@code src} to outW x outH. */
    static RgbImage resize(RgbImage src, int outW, int outH) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + outW + "x" + outH);
        }
        if (outW == src.width() && outH == src.height()) {
            return new RgbImage(outW, outH, src.rgb().clone());
        }
        Coeffs vert = coeffs(src.height(), outH);
        RgbImage tmp = src;
        int rowOffset = 0;
        if (outW != src.width()) {
            // only the rows the vertical pass reads are resampled horizontally (as Pillow does)
            int first = vert.start[0];
            int last = vert.start[outH - 1] + vert.count[outH - 1];
            tmp = horizontal(src, outW, first, last - first);
            rowOffset = first;
        }
        if (outH == src.height()) {
            return tmp;
        }
        return vertical(tmp, outH, vert, rowOffset);
    }

    private static RgbImage horizontal(RgbImage src, int outW, int firstRow, int rows) {
        Coeffs c = coeffs(src.width(), outW);
        byte[] in = src.rgb();
        byte[] out = new byte[outW * rows * 3];
        int inW = src.width();
        for (int y = 0; y < rows; y++) {
            int inRow = (y + firstRow) * inW * 3;
            int outRow = y * outW * 3;
            for (int xx = 0; xx < outW; xx++) {
                int k = xx * c.ksize;
                int s = c.start[xx];
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int x = 0; x < c.count[xx]; x++) {
                    int w = c.weights[k + x];
                    int p = inRow + (s + x) * 3;
                    r += (in[p] & 0xff) * w;
                    g += (in[p + 1] & 0xff) * w;
                    b += (in[p + 2] & 0xff) * w;
                }
                int o = outRow + xx * 3;
                out[o] = (byte) clip8(r);
                out[o + 1] = (byte) clip8(g);
                out[o + 2] = (byte) clip8(b);
            }
        }
        return new RgbImage(outW, rows, out);
    }

    private static RgbImage vertical(RgbImage src, int outH, Coeffs c, int rowOffset) {
        byte[] in = src.rgb();
        int rowLen = src.width() * 3;
        byte[] out = new byte[rowLen * outH];
        int[] acc = new int[rowLen];
        for (int yy = 0; yy < outH; yy++) {
            // whole-row accumulation: same sums as Pillow's per-pixel loop, in a vectorisable order
            java.util.Arrays.fill(acc, 1 << (PRECISION_BITS - 1));
            int k = yy * c.ksize;
            int s = c.start[yy] - rowOffset;
            for (int y = 0; y < c.count[yy]; y++) {
                int wt = c.weights[k + y];
                int p = (s + y) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += (in[p + i] & 0xff) * wt;
                }
            }
            int o = yy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                out[o + i] = (byte) clip8(acc[i]);
            }
        }
        return new RgbImage(src.width(), outH, out);
    }
}
