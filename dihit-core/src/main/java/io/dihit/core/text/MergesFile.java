package io.dihit.core.text;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The CLIP merges format: a header line ({@code #version: 0.2}), then one merge per line, two symbols
 * separated by a space, symbols spelled with the byte stand-in characters (and {@code </w>}). Plain or gzip
 * (detected by content, not by name).
 */
public final class MergesFile {
    /** CLIP uses {@code merges[1:49152-256-2+1]}: 48,894 merges, so that the vocabulary has 49,408 ids. */
    public static final int CLIP_MAX_MERGES = 49152 - 256 - 2;
    static final String HEADER_PREFIX = "#version";

    private MergesFile() {
    }

    /** A merge rule: two symbols in merges-file spelling. */
    public record Merge(String first, String second) {
        public Merge {
            if (first.isEmpty() || second.isEmpty() || first.contains(" ") || second.contains(" ")) {
                throw new IllegalArgumentException("bad merge symbols '" + first + "' '" + second + "'");
            }
        }
    }

    /** Reads at most {@code maxMerges} merges after the header line. */
    public static List<Merge> read(Path path, int maxMerges) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("merges file not found: " + path);
        }
        byte[] raw = Files.readAllBytes(path);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
                raw = in.readAllBytes();
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("merges file is not valid UTF-8: " + path, e);
        }
        String[] lines = text.split("\n", -1);
        // CLIP skips line 0 unread; the official file's is '"bpe_simple_vocab_16e6.txt#version: 0.2' (a quirk
        // of how it was made), so require only that the header mentions the version tag.
        if (!lines[0].contains(HEADER_PREFIX)) {
            throw new IOException("merges file " + path + " must start with a '" + HEADER_PREFIX
                    + "' header line, found: " + abbreviate(lines[0]));
        }
        int available = lines.length - 1;
        if (lines[lines.length - 1].isEmpty()) {
            available--;
        }
        int count = Math.min(available, maxMerges);
        List<Merge> merges = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String[] parts = lines[i].trim().split("\\s+");
            if (parts.length != 2) {
                throw new IOException("merges file " + path + " line " + (i + 1)
                        + ": expected two symbols, found: " + abbreviate(lines[i]));
            }
            merges.add(new Merge(parts[0], parts[1]));
        }
        return merges;
    }

    /** Writes plain text, or gzip when the file name ends with {@code .gz}. */
    public static void write(Path path, String header, List<Merge> merges) throws IOException {
        if (!header.startsWith(HEADER_PREFIX) || header.contains("\n")) {
            throw new IllegalArgumentException("header must be one line starting with " + HEADER_PREFIX);
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp));
             OutputStream out = path.toString().endsWith(".gz") ? new GZIPOutputStream(file) : file;
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(header);
            w.write('\n');
            for (Merge m : merges) {
                w.write(m.first());
                w.write(' ');
                w.write(m.second());
                w.write('\n');
            }
        }
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
