package io.dihit.core.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes PNG, JPEG (and whatever else ImageIO reads) to 8-bit RGB. Transparent pixels are
 * composited on white, so emoji and logos on transparent backgrounds look as they do on a page
 * (a plain RGB conversion would expose whatever colour the transparent pixels happen to hold).
 * Grayscale is replicated to R=G=B from the raw samples: {@code BufferedImage.getRGB} would push
 * them through the linear gray colour space and brighten them.
 */
public final class ImageDecoder {
    static {
        ImageIO.setUseCache(false); // decode in memory; no temp files from worker threads
    }

    /** Largest accepted image, in pixels (Pillow's default decompression-bomb limit). */
    public static final long MAX_PIXELS = 89_478_485L;

    private ImageDecoder() {
    }

    /** Decodes an encoded image. */
    public static RgbImage decode(byte[] encoded) throws ImageDecodeException {
        return toRgb(readBuffered(encoded));
    }

    /** Reads and decodes an image file. */
    public static RgbImage decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(bytes);
        } catch (ImageDecodeException e) {
            throw new ImageDecodeException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Decodes to a TYPE_INT_RGB BufferedImage (alpha composited on white). */
    public static BufferedImage decodeBuffered(byte[] encoded) throws ImageDecodeException {
        return decode(encoded).toBufferedImage();
    }

    /** Reads a file to a TYPE_INT_RGB BufferedImage (alpha composited on white). */
    public static BufferedImage decodeBuffered(Path file) throws IOException {
        return decode(file).toBufferedImage();
    }

    private static BufferedImage readBuffered(byte[] encoded) throws ImageDecodeException {
        if (encoded.length == 0) {
            throw new ImageDecodeException("empty image data");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException("not a recognised image format (" + encoded.length + " bytes, starts " + head(encoded) + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) { // refuse decompression bombs before allocating
                    throw new ImageDecodeException("image too large: " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels (limit " + MAX_PIXELS + ")");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new ImageDecodeException("decoder returned no image (" + encoded.length + " bytes)");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("unreadable image (" + encoded.length + " bytes, starts " + head(encoded) + "): " + e.getMessage(), e);
        }
    }

    /** Converts any decoded image to RGB bytes, compositing alpha on white. */
    public static RgbImage toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        ColorModel cm = img.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumComponents() <= 2) {
            grayToRgb(img.getRaster(), cm, out);
            return new RgbImage(w, h, out);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied sRGB ARGB
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int a = p >>> 24;
                int i = (y * w + x) * 3;
                out[i] = (byte) onWhite((p >> 16) & 0xff, a);
                out[i + 1] = (byte) onWhite((p >> 8) & 0xff, a);
                out[i + 2] = (byte) onWhite(p & 0xff, a);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void grayToRgb(Raster r, ColorModel cm, byte[] out) {
        int w = r.getWidth();
        int h = r.getHeight();
        int bits = cm.getComponentSize(0);
        boolean alpha = cm.hasAlpha();
        int alphaBits = alpha ? cm.getComponentSize(1) : 8;
        int[] g = new int[w];
        int[] a = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, g);
            if (alpha) {
                r.getSamples(0, y, w, 1, 1, a);
            }
            for (int x = 0; x < w; x++) {
                int v = to8(g[x], bits);
                if (alpha) {
                    v = onWhite(v, to8(a[x], alphaBits));
                }
                int i = (y * w + x) * 3;
                out[i] = out[i + 1] = out[i + 2] = (byte) v;
            }
        }
    }

    /** Rescales a sample of the given bit depth to 0..255 with rounding. */
    private static int to8(int v, int bits) {
        if (bits == 8) {
            return v;
        }
        int max = (1 << bits) - 1;
        return (int) ((v * 255L + max / 2) / max);
    }

    /** c*a + 255*(1-a), a in 0..255, rounded to nearest. */
    static int onWhite(int c, int a) {
        if (a == 255) {
            return c;
        }
        return (c * a + 255 * (255 - a) + 127) / 255;
    }

    private static String head(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            s.append(String.format("%02X", b[i] & 0xff));
        }
        return s.toString();
    }
}
