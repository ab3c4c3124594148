package io.dihit.core.data;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal sequential tar reader for webdataset shards: ustar and old-style headers, pax
 * extended headers ({@code path}, {@code size}), GNU long names; only regular files are returned.
 * It tracks the byte offset of each member's data so samples can later be read by position
 * (parallel random access without re-scanning). A file that ends inside a header or member data
 * raises {@link TarTruncatedException}. After a header with a bad checksum (or unreadable numbers)
 * the reader scans forward one 512-byte block at a time to the next block that is a valid header
 * and goes on from there; {@link #takeDamage()} then tells what was skipped.
 * We keep our own reader rather than Commons Compress because we need exact data offsets and
 * precise truncation accounting, and the format subset above is small.
 */
final class TarReader implements Closeable {
    static final int BLOCK = 512;

    /** A regular file member: its name, the offset of its data in the archive, and its size. */
    record Entry(String name, long dataOffset, long size) {
    }

    /**
     * A stretch skipped after a corrupt header.
     *
     * @param at           byte offset of the corrupt header
     * @param bytes        bytes skipped (from the corrupt header to the next valid one or the end)
     * @param membersLost  the member of the corrupt header plus every block in the stretch that looks
     *                     like a header (ustar magic) but fails its checksum
     * @param detail       what was wrong with the first header
     */
    record Damage(long at, long bytes, int membersLost, String detail) {
    }

    private final InputStream in;
    private final String source;
    private final byte[] header = new byte[BLOCK];
    private long position;
    private long pendingSkip; // unread data + padding of the last entry
    private Entry current;
    private boolean finished;
    private long scanFrom = -1; // offset of the corrupt header while scanning for the next valid one
    private int scanLost;
    private String scanDetail;
    private Damage damage;

    TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next regular file, or null at the end of the archive. */
    Entry next() throws IOException {
        if (finished) {
            return null;
        }
        skipPending();
        String longName = null;
        Long paxSize = null;
        String paxPath = null;
        while (true) {
            long headerAt = position;
            int n = readUpTo(header, BLOCK);
            if (n == 0 || (n < BLOCK && scanFrom >= 0)) {
                endScan(position);
                finished = true; // clean end without the zero blocks: tolerated, as GNU tar does
                return null;
            }
            if (n < BLOCK) {
                throw new TarTruncatedException(source + ": ends inside a header at byte " + headerAt, false);
            }
            if (isZero(header)) {
                if (scanFrom >= 0) {
                    continue; // zero blocks inside the skipped member's data
                }
                finished = true;
                return null;
            }
            String problem = headerProblem();
            if (problem != null) {
                if (scanFrom < 0) {
                    scanFrom = headerAt;
                    scanLost = 1;
                    scanDetail = "corrupt tar header at byte " + headerAt + " (" + problem + ")";
                    longName = null;
                    paxPath = null;
                    paxSize = null;
                } else if (cString(header, 257, 5).equals("ustar")) {
                    scanLost++;
                }
                continue;
            }
            endScan(headerAt);
            char type = (char) header[156];
            long size = paxSize != null ? paxSize : parseNumber(header, 124, 12, headerAt);
            String name = longName != null ? longName : paxPath != null ? paxPath : headerName();
            long dataAt = position;
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            switch (type) {
                case 'x' -> {
                    String pax = new String(readData(size, dataAt, name), StandardCharsets.UTF_8);
                    skip(padded - size);
                    for (String[] kv : paxRecords(pax, headerAt)) {
                        if (kv[0].equals("path")) {
                            paxPath = kv[1];
                        } else if (kv[0].equals("size")) {
                            paxSize = Long.parseLong(kv[1]);
                        }
                    }
                }
                case 'L' -> {
                    byte[] b = readData(size, dataAt, name);
                    skip(padded - size);
                    int len = 0;
                    while (len < b.length && b[len] != 0) {
                        len++;
                    }
                    longName = new String(b, 0, len, StandardCharsets.UTF_8);
                }
                case '0', '\0', '7' -> {
                    current = new Entry(name, dataAt, size);
                    pendingSkip = padded;
                    return current;
                }
                default -> { // directories, links, global pax headers, ...: not sample members
                    skip(padded);
                    longName = null;
                    paxPath = null;
                    paxSize = null;
                }
            }
        }
    }

    /** Reads the whole content of the entry just returned by {@link #next()}. */
    byte[] read(Entry e) throws IOException {
        if (e != current || pendingSkip < e.size() || position != e.dataOffset()) {
            throw new IllegalStateException("entry " + e.name() + " is not the current unread entry");
        }
        if (e.size() > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": member " + e.name() + " is too large (" + e.size() + " bytes)");
        }
        byte[] b = readData(e.size(), e.dataOffset(), e.name());
        pendingSkip -= e.size();
        return b;
    }

    /** Bytes consumed from the archive so far. */
    long position() {
        return position;
    }

    private void skipPending() throws IOException {
        long s = pendingSkip;
        pendingSkip = 0;
        if (s > 0) {
            long dataEnd = current.dataOffset() + current.size();
            try {
                skip(s);
            } catch (EOFException eof) {
                if (position < dataEnd) {
                    throw new TarTruncatedException(source + ": ends inside member " + current.name()
                            + " (" + (position - current.dataOffset()) + " of " + current.size() + " bytes)", true);
                }
                throw new TarTruncatedException(source + ": ends inside the padding after " + current.name(), false);
            }
        }
    }

    private byte[] readData(long size, long dataAt, String name) throws IOException {
        byte[] b = new byte[(int) size];
        int n = readUpTo(b, b.length);
        if (n < b.length) {
            throw new TarTruncatedException(source + ": ends inside member " + name + " (" + n + " of " + size + " bytes)", true);
        }
        return b;
    }

    private int readUpTo(byte[] b, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(b, off, len - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        position += off;
        return off;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            n -= s;
            position += s;
        }
    }

    private String headerName() {
        String name = cString(header, 0, 100);
        if (cString(header, 257, 5).equals("ustar")) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    /** Why the block just read is not a valid header, or null when it is one. */
    private String headerProblem() {
        long stored;
        try {
            stored = parseNumber(header, 148, 8, 0);
            parseNumber(header, 124, 12, 0);
        } catch (IOException e) {
            return "bad octal field";
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        return stored == unsigned || stored == signed ? null : "checksum " + stored + ", computed " + unsigned;
    }

    private void endScan(long resumeAt) {
        if (scanFrom >= 0) {
            damage = new Damage(scanFrom, resumeAt - scanFrom, scanLost, scanDetail);
            scanFrom = -1;
        }
    }

    /** The stretch skipped before the entry just returned (or before the end), once; else null. */
    Damage takeDamage() {
        Damage d = damage;
        damage = null;
        return d;
    }

    private long parseNumber(byte[] h, int off, int len, long at) throws IOException {
        if ((h[off] & 0x80) != 0) { // GNU base-256 for large values
            long v = h[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = off; i < off + len; i++) {
            int c = h[i];
            if (c == 0 || (c == ' ' && digits)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException(source + ": corrupt tar header at byte " + at + " (bad octal field)");
            }
            v = v * 8 + (c - '0');
            digits = true;
        }
        return v;
    }

    private java.util.List<String[]> paxRecords(String pax, long at) throws IOException {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        byte[] b = pax.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < b.length) {
            int sp = i;
            while (sp < b.length && b[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(b, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException(source + ": corrupt pax header at byte " + at);
            }
            if (len <= 0 || i + len > b.length) {
                throw new IOException(source + ": corrupt pax header at byte " + at);
            }
            String rec = new String(b, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8); // without trailing \n
            int eq = rec.indexOf('=');
            if (eq > 0) {
                out.add(new String[] {rec.substring(0, eq), rec.substring(eq + 1)});
            }
            i += len;
        }
        return out;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
