package io.dihit.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LruMemoTest {

    private final AtomicInteger runs = new AtomicInteger();

    private String compute(String key) {
        runs.incrementAndGet();
        return key.toUpperCase();
    }

    @Test
    void secondRequestIsAnsweredFromMemory() {
        LruMemo<String, String> memo = new LruMemo<>(4);
        String first = memo.get("a", () -> compute("a"));
        assertSame(first, memo.get("a", () -> compute("a")));
        assertEquals("A", first);
        assertEquals(1, runs.get());
        assertEquals(1, memo.hits());
        assertEquals(1, memo.misses());
    }

    @Test
    void leastRecentlyUsedKeyIsForgottenBeyondCapacity() {
        LruMemo<String, String> memo = new LruMemo<>(2);
        memo.get("red", () -> compute("red"));
        memo.get("green", () -> compute("green"));
        memo.get("red", () -> compute("red"));   // red is now the most recent
        memo.get("blue", () -> compute("blue")); // evicts green
        memo.get("red", () -> compute("red"));
        assertEquals(3, runs.get());
        memo.get("green", () -> compute("green"));
        assertEquals(4, runs.get());
    }

    @Test
    void failuresAreNotRememberedAndKeepTheirType() throws IOException {
        LruMemo<String, String> memo = new LruMemo<>(4);
        LruMemo.Computation<String, IOException> failing = () -> {
            runs.incrementAndGet();
            throw new IOException("engine failed");
        };
        assertThrows(IOException.class, () -> memo.get("k", failing));
        assertThrows(IOException.class, () -> memo.get("k", failing));
        assertEquals(2, runs.get());
        assertEquals("K", memo.get("k", () -> compute("k")));
        assertEquals("K", memo.get("k", () -> compute("k")));
        assertEquals(3, runs.get());
    }

    @Test
    void concurrentRequestsForOneKeyComputeOnce() throws Exception {
        LruMemo<String, String> memo = new LruMemo<>(4);
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> memo.get("x", () -> {
                    gate.await(10, TimeUnit.SECONDS);
                    return compute("x");
                })));
            }
            while (memo.hits() + memo.misses() < 4) {
                Thread.sleep(5);
            }
            gate.countDown();
            for (Future<String> f : results) {
                assertEquals("X", f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, runs.get());
        assertEquals(3, memo.hits());
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LruMemo<String, String>(0));
    }
}
