package io.dihit.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelMapTest {

    private final List<Integer> items = IntStream.range(0, 50).boxed().toList();

    @Test
    void resultsKeepInputOrderOnAnyThreadCount() {
        List<Integer> squares = items.stream().map(i -> i * i).toList();
        for (int threads : new int[] {1, 2, 7}) {
            assertEquals(squares, ParallelMap.map(items, threads, "test", i -> i * i), threads + " threads");
        }
    }

    @Test
    void failuresArriveAsThrownOnOneOrManyThreads() {
        for (int threads : new int[] {1, 3}) {
            IOException io = assertThrows(IOException.class, () -> ParallelMap.map(items, threads, "test", i -> {
                if (i == 17) {
                    throw new IOException("bad item " + i);
                }
                return i;
            }));
            assertEquals("bad item 17", io.getMessage());
            IllegalArgumentException arg = assertThrows(IllegalArgumentException.class, () -> ParallelMap.map(items, threads, "test", i -> {
                if (i == 3) {
                    throw new IllegalArgumentException("item 3");
                }
                return i;
            }));
            assertEquals("item 3", arg.getMessage());
        }
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ParallelMap.map(items, 0, "test", i -> i));
    }
}
