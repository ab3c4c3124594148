package io.dihit.eval.embed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A float matrix on disk with the key it was computed for: magic "DIHTEMB1", key (UTF), rows, cols, then
 * rows * cols little-endian floats. Written to a temporary file and moved into place, so a crash never leaves
 * a half-written cache entry under the real name.
 */
public final class FeatureFile {
    private static final String MAGIC = "DIHTEMB1";

    private FeatureFile() {}

    public static void write(Path file, String key, float[][] m) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            int cols = m.length == 0 ? 0 : m[0].length;
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeBytes(MAGIC);
                out.writeUTF(key);
                out.writeInt(m.length);
                out.writeInt(cols);
                ByteBuffer row = ByteBuffer.allocate(cols * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] r : m) {
                    if (r.length != cols) {
                        throw new IllegalArgumentException("ragged matrix: row of " + r.length + " floats, expected " + cols);
                    }
                    row.clear();
                    row.asFloatBuffer().put(r);
                    out.write(row.array());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a matrix, failing when the file was written for another key or is damaged. */
    public static float[][] read(Path file, String expectedKey) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new IOException(file + ": not a dihit feature file");
            }
            String key = in.readUTF();
            if (!key.equals(expectedKey)) {
                throw new IOException(file + ": computed for '" + key + "', not '" + expectedKey + "'");
            }
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows < 0 || cols < 0 || (long) rows * cols * 4 > Files.size(file)) {
                throw new IOException(file + ": bad shape " + rows + " x " + cols + " for its size");
            }
            float[][] m = new float[rows][cols];
            byte[] buf = new byte[cols * 4];
            for (float[] r : m) {
                in.readFully(buf);
                ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(r);
            }
            return m;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated feature file", e);
        }
    }
}
