package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FewShotSplitTest {

    private static List<String> labels(int a, int b, int c) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < a; i++) labels.add("a");
        for (int i = 0; i < b; i++) labels.add("b");
        for (int i = 0; i < c; i++) labels.add("c");
        return labels;
    }

    @Test
    void keepsClassesLargeEnoughAndBalancesTheTestSet() {
        List<String> labels = labels(30, 5, 22);
        FewShotSplit split = FewShotSplit.of(labels, 16, 6, 1);
        assertEquals(List.of("a", "c"), split.classNames());
        assertEquals(32, split.poolIndex().length);
        assertEquals(12, split.testIndex().length, "6 test samples per class");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < split.poolIndex().length; i++) {
            assertTrue(seen.add(split.poolIndex()[i]));
            assertEquals(split.classNames().get(split.poolLabel()[i]), labels.get(split.poolIndex()[i]));
        }
        for (int i = 0; i < split.testIndex().length; i++) {
            assertTrue(seen.add(split.testIndex()[i]), "pool and test are disjoint");
            assertEquals(split.classNames().get(split.testLabel()[i]), labels.get(split.testIndex()[i]));
        }
    }

    @Test
    void smallClassKeepsWhatItHasForTesting() {
        FewShotSplit split = FewShotSplit.of(labels(17, 40, 0), 16, 10, 3);
        assertEquals(1 + 10, split.testIndex().length);
    }

    @Test
    void deterministicPerSeed() {
        List<String> labels = labels(30, 25, 20);
        assertArrayEquals(FewShotSplit.of(labels, 4, 4, 9).poolIndex(), FewShotSplit.of(labels, 4, 4, 9).poolIndex());
        assertFalse(Arrays.equals(FewShotSplit.of(labels, 4, 4, 9).poolIndex(), FewShotSplit.of(labels, 4, 4, 10).poolIndex()));
    }

    @Test
    void needsTwoClasses() {
        assertThrows(IllegalArgumentException.class, () -> FewShotSplit.of(labels(30, 3, 3), 16, 4, 0));
    }
}
