package io.dihit.core.image;

import java.awt.image.BufferedImage;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code r,g,b,r,g,b,...}). The array is owned
 * by the image; transforms never modify an input image, they return a new one.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes for " + width + "x" + height + ", got " + rgb.length);
        }
    }

    /** Channel {@code c} (0 r, 1 g, 2 b) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /** A TYPE_INT_RGB copy, for display or ImageIO writing. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                row[x] = (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }
}
