package io.dihit.filter.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids a job has seen, as 64-bit hashes (the first 8 bytes of the id's SHA-256) in an
 * open-addressing table: about 16 bytes per id at any id length, never the strings. Two different
 * ids share a hash with probability about n^2 / 2^65 over n ids (3e-6 for 10 million ids, 3e-4
 * for 100 million); such a false duplicate is listed in failed.jsonl like a true one, never silent.
 * Not thread-safe (the job's reading thread owns it).
 */
final class SeenIds {
    private final MessageDigest sha;
    private long[] table = new long[1 << 16];
    private boolean zeroSeen; // 0 marks an empty slot, so the hash 0 is tracked apart
    private long size;

    public SeenIds() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Adds the id; false when it (or an id with the same hash) was added before. */
    public boolean add(String id) {
        byte[] d = sha.digest(id.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        if (h == 0) {
            boolean fresh = !zeroSeen;
            zeroSeen = true;
            return fresh;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        if (!insert(table, h)) {
            return false;
        }
        size++;
        return true;
    }

    long size() {
        return size + (zeroSeen ? 1 : 0);
    }

    private static boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (t[i] == 0) {
                t[i] = h;
                return true;
            }
            if (t[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long h : table) {
            if (h != 0) {
                insert(bigger, h);
            }
        }
        table = bigger;
    }
}
