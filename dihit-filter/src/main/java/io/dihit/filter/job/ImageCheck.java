package io.dihit.filter.job;

import io.dihit.core.image.ImageDecodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * How much of each image a filter job opens when no OCR needs the pixels.
 * {@link #HEADER} (the default) catches 0-byte, non-image and truncated files without decoding pixels:
 * an ImageIO reader must accept the header and report positive dimensions, and a PNG / JPEG must
 * reach its end marker (the IEND chunk, walking chunk lengths; an EOI after the scan data), which a
 * cut-off download lacks. Data after the end marker (appended metadata or video) is allowed.
 */
public enum ImageCheck {
    /** Images are not opened; only a missing file fails its row (the summary says so). */
    NONE,
    /** Header, dimensions and end marker (cheap; the default). */
    HEADER,
    /** Full decode of every image. */
    DECODE;

    /** The option value ({@code none}, {@code header}, {@code decode}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Checks an image file (read as bytes; no pixel is decoded). */
    static void checkHeader(Path file) throws IOException {
        checkHeader(Files.readAllBytes(file));
    }

    /** Checks an encoded image without decoding its pixels; throws when it is not a complete, readable image. */
    static void checkHeader(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            throw new ImageDecodeException("empty image file (0 bytes)");
        }
        // In memory: ImageIO.createImageInputStream would spool every stream to a temporary file.
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageDecodeException("not an image (no reader for its header, " + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new ImageDecodeException("image header gives size " + w + "x" + h);
                }
            } catch (IOException | RuntimeException e) {
                throw e instanceof ImageDecodeException d ? d : new ImageDecodeException("unreadable image header: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
        if (isPng(bytes) && !pngComplete(bytes)) {
            throw new ImageDecodeException("truncated PNG (it ends before its IEND chunk, " + bytes.length + " bytes)");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && !jpegComplete(bytes)) {
            throw new ImageDecodeException("truncated JPEG (no end-of-image marker after its scan data, " + bytes.length + " bytes)");
        }
    }

    private static boolean isPng(byte[] b) {
        return b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    /** Walks the chunks (length, type, data, CRC) to IEND; data after IEND is allowed. */
    private static boolean pngComplete(byte[] b) {
        long at = 8;
        while (at + 8 <= b.length) {
            int i = (int) at;
            long length = ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            at += 12 + length;
            if (b[i + 4] == 'I' && b[i + 5] == 'E' && b[i + 6] == 'N' && b[i + 7] == 'D') {
                return at <= b.length;
            }
        }
        return false;
    }

    /**
     * Walks the segments to the first scan (SOS), then looks for the end-of-image marker after it
     * (an EXIF thumbnail's EOI comes before the scan, so it cannot pass for the image's own).
     */
    private static boolean jpegComplete(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xff) != 0xFF) {
                return false;
            }
            int marker = b[at + 1] & 0xff;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            int length = ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
            at += 2 + length;
            if (marker == 0xDA) {
                for (int i = Math.min(at, b.length) - 1; i < b.length - 1; i++) {
                    if (i >= 0 && (b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
