package io.dihit.core.text;

import java.util.Arrays;

/** Open-addressing hash map from a symbol pair (two int ids) to a long value; read-only after building. */
final class PairTable {
    private static final long EMPTY = Long.MIN_VALUE;
    private final long[] keys;
    private final long[] values;
    private final int mask;
    private int size;

    PairTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    static long key(int first, int second) {
        return ((long) first << 32) | (second & 0xffffffffL);
    }

    /** Inserts or replaces. */
    void put(int first, int second, long value) {
        if (size * 2 >= keys.length) {
            throw new IllegalStateException("PairTable sized for fewer entries");
        }
        long key = key(first, second);
        int slot = slot(key);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
    }

    /** The value for the pair, or {@code missing}. */
    long get(int first, int second, long missing) {
        long key = key(first, second);
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return missing;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
