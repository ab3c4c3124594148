package io.dihit.core.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the results of an expensive, deterministic computation for the most recently used
 * {@code capacity} keys. Thread-safe: concurrent requests for one key run the computation once and
 * the others wait for it. Failures are not remembered, so the next request tries again.
 *
 * @param <K> key (needs equals/hashCode)
 * @param <V> result
 */
public final class LruMemo<K, V> {

    /** The computation; may throw a checked exception of type E. */
    @FunctionalInterface
    public interface Computation<V, E extends Exception> {
        V compute() throws E;
    }

    private final int capacity;
    private final Map<K, CompletableFuture<V>> results;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param capacity keys remembered, >= 1 */
    public LruMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.results = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > LruMemo.this.capacity;
            }
        };
    }

    /**
     * The remembered result for {@code key}, or the computation's result (then remembered).
     *
     * @throws E the computation's exception, also for callers that waited on a failed run
     */
    @SuppressWarnings("unchecked")
    public <E extends Exception> V get(K key, Computation<V, E> computation) throws E {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing;
        synchronized (results) {
            existing = results.putIfAbsent(key, mine);
        }
        if (existing != null) {
            hits.incrementAndGet();
            try {
                return existing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the same key's computation", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw (E) cause;
            }
        }
        misses.incrementAndGet();
        try {
            V value = computation.compute();
            mine.complete(value);
            return value;
        } catch (Exception | Error e) {
            synchronized (results) {
                results.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Requests answered from memory (including ones that waited for a concurrent computation). */
    public long hits() {
        return hits.get();
    }

    /** Requests that ran the computation. */
    public long misses() {
        return misses.get();
    }
}
