package io.dihit.core.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a webdataset-style shard: per sample {@code key.<png|jpg>} then {@code key.txt} (UTF-8
 * caption), as ustar members (pax {@code path} records for names over 100 bytes), fixed mtime 0
 * and owner 0 so equal inputs give identical bytes. Keys must be unique and must not contain a dot
 * in their last path segment (the key ends at the first dot of the file name).
 */
public final class TarShardWriter implements Closeable {
    private final OutputStream out;
    private final Set<String> keys = new HashSet<>();
    private long samples;

    public TarShardWriter(Path shard) throws IOException {
        Path abs = shard.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(abs), 1 << 16);
    }

    /** Adds one sample; {@code imageExtension} is png, jpg or jpeg. */
    public void add(String key, String imageExtension, byte[] image, String caption) throws IOException {
        String ext = imageExtension.toLowerCase(Locale.ROOT);
        if (!TarShards.IMAGE_EXTENSIONS.contains(ext)) {
            throw new IllegalArgumentException("image extension must be one of " + TarShards.IMAGE_EXTENSIONS + ", got " + imageExtension);
        }
        if (key.isEmpty() || TarShards.keyOf(key + ".x").length() != key.length()) {
            throw new IllegalArgumentException("bad shard key '" + key + "': empty, or a dot in its file name");
        }
        if (!keys.add(key)) {
            throw new IllegalArgumentException("duplicate shard key '" + key + "'");
        }
        member(key + "." + ext, image);
        member(key + ".txt", caption.getBytes(StandardCharsets.UTF_8));
        samples++;
    }

    /** Samples written so far. */
    public long samples() {
        return samples;
    }

    /** Writes one regular-file member (public for tests that need odd members). */
    public void member(String name, byte[] data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            byte[] rec = paxRecord("path", name);
            header("PaxHeaders/" + Math.abs(name.hashCode()), rec.length, 'x');
            out.write(rec);
            pad(rec.length);
            name = name.substring(0, Math.min(name.length(), 50)); // placeholder name, superseded by pax path
        }
        header(name, data.length, '0');
        out.write(data);
        pad(data.length);
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int bodyLen = body.getBytes(StandardCharsets.UTF_8).length;
        int len = bodyLen + String.valueOf(bodyLen).length();
        if (String.valueOf(len).length() != String.valueOf(bodyLen).length()) {
            len++;
        }
        return (len + body).getBytes(StandardCharsets.UTF_8);
    }

    private void header(String name, long size, char type) throws IOException {
        byte[] h = new byte[TarReader.BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(n.length, 100));
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String cs = String.format("%06o", sum);
        System.arraycopy(cs.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        out.write(h);
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("value " + v + " too large for a ustar field");
        }
        s = "0".repeat(len - 1 - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
        h[off + len - 1] = 0;
    }

    private void pad(long size) throws IOException {
        int rem = (int) (size % TarReader.BLOCK);
        if (rem != 0) {
            out.write(new byte[TarReader.BLOCK - rem]);
        }
    }

    /** Writes the end-of-archive marker (two zero blocks) and closes the file. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * TarReader.BLOCK]);
        out.close();
    }
}
