package io.dihit.filter.job;

import io.dihit.core.image.ImageDecodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * How much of each image a filter job opens when no OCR needs the pixels.
 * {@link #HEADER} (the default) catches 0-byte, non-image and truncated files without decoding pixels:
 * an ImageIO reader must accept the header and report positive dimensions, and PNG / JPEG files must
 * end with their end marker (IEND chunk / EOI), which a cut-off download lacks.
 */
public enum ImageCheck {
    /** Images are not opened; only a missing file fails its row (the summary says so). */
    NONE,
    /** Header, dimensions and end marker (cheap; the default). */
    HEADER,
    /** Full decode of every image. */
    DECODE;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xAE, 'B', 0x60, (byte) 0x82};

    /** The option value ({@code none}, {@code header}, {@code decode}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Checks the header of an encoded image; throws when it is not a readable image. */
    static void checkHeader(byte[] bytes) throws IOException {
        checkHeader(new ByteArrayInputStream(bytes), head(bytes), tail(bytes, 32), bytes.length);
    }

    /** Checks the header of an image file, reading only its first and last bytes. */
    static void checkHeader(Path file) throws IOException {
        long size = Files.size(file);
        byte[] tail;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = (int) Math.min(32, size);
            ByteBuffer b = ByteBuffer.allocate(n);
            ch.position(size - n);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read fully
            }
            tail = b.array();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            try (InputStream again = Files.newInputStream(file)) {
                checkHeader(again, head, tail, size);
            }
        }
    }

    private static void checkHeader(InputStream in, byte[] head, byte[] tail, long size) throws IOException {
        if (size == 0) {
            throw new ImageDecodeException("empty image file (0 bytes)");
        }
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new ImageDecodeException("not an image (no reader for its header, " + size + " bytes)");
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
        if (startsWith(head, PNG_MAGIC) && !endsWith(tail, PNG_END)) {
            throw new ImageDecodeException("truncated PNG (no IEND chunk at the end, " + size + " bytes)");
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && !hasJpegEnd(tail)) {
            throw new ImageDecodeException("truncated JPEG (no end-of-image marker, " + size + " bytes)");
        }
    }

    private static boolean hasJpegEnd(byte[] tail) {
        int end = tail.length;
        while (end > 0 && (tail[end - 1] == 0 || tail[end - 1] == '\n' || tail[end - 1] == '\r')) {
            end--; // some writers pad after EOI
        }
        return end >= 2 && (tail[end - 2] & 0xff) == 0xFF && (tail[end - 1] & 0xff) == 0xD9;
    }

    private static byte[] head(byte[] b) {
        return java.util.Arrays.copyOf(b, Math.min(4, b.length));
    }

    private static byte[] tail(byte[] b, int n) {
        return java.util.Arrays.copyOfRange(b, Math.max(0, b.length - n), b.length);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(byte[] b, byte[] suffix) {
        if (b.length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (b[b.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
