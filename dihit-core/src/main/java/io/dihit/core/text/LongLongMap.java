package io.dihit.core.text;

import java.util.Arrays;

/**
 * Open-addressing map from a long key to a long value, growing as needed; entries are never removed.
 * Serves the BPE merge ranks (keys are symbol pairs, {@link #pairKey}) and the trainer's pair counts.
 */
final class LongLongMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private long[] values;
    private int mask;
    private int size;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    /** The key of a symbol pair (two int ids). */
    static long pairKey(int first, int second) {
        return ((long) first << 32) | (second & 0xffffffffL);
    }

    /** The count for {@code key}, 0 when absent. */
    long get(long key) {
        return get(key, 0);
    }

    /** The value for {@code key}, or {@code missing}. */
    long get(long key, long missing) {
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

    /** Inserts or replaces. */
    void put(long key, long value) {
        add(key, value - get(key));
    }

    int size() {
        return size;
    }

    /** Adds {@code delta} (to 0 when absent) and returns the new value. */
    long add(long key, long delta) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot] += delta;
            }
            if (k == EMPTY) {
                keys[slot] = key;
                values[slot] = delta;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return delta;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Calls {@code visitor} for every key with a positive count. */
    void forEachPositive(java.util.function.LongBinaryOperator visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && values[i] > 0) {
                visitor.applyAsLong(keys[i], values[i]);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
