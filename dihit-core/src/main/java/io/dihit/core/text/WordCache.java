package io.dihit.core.text;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounded, thread-safe memo of BPE results per pre-token. When full it is emptied and refilled: cheap,
 * lock-free for readers, and under a Zipf-like caption vocabulary the frequent words return within a few
 * captions. Cached arrays are shared and must never be modified by callers.
 */
final class WordCache {
    private final ConcurrentHashMap<String, int[]> map;
    private final int capacity;

    WordCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
    }

    int[] get(String word) {
        return capacity == 0 ? null : map.get(word);
    }

    void put(String word, int[] ids) {
        if (capacity == 0) {
            return;
        }
        if (map.size() >= capacity) {
            map.clear();
        }
        map.put(word, ids);
    }

    int size() {
        return map.size();
    }
}
