package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void remembersEveryIdAcrossTableGrowth() {
        SeenIds seen = new SeenIds();
        int n = 300_000; // several doublings of the initial 65,536-slot table
        for (int i = 0; i < n; i++) {
            assertTrue(seen.add("id-" + i), "first time: id-" + i);
        }
        assertEquals(n, seen.size());
        for (int i = 0; i < n; i += 7) {
            assertFalse(seen.add("id-" + i), "second time: id-" + i);
        }
        assertTrue(seen.add(""));
        assertFalse(seen.add(""));
        assertEquals(n + 1, seen.size());
    }
}
