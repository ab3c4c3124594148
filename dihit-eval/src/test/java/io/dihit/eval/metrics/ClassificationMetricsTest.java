package io.dihit.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    @Test
    void handBuiltScores() {
        // 6 classes so top-5 differs from "everything".
        float[][] scores = {
            {9, 1, 2, 3, 4, 5},   // y=0: rank 0
            {1, 9, 2, 3, 4, 5},   // y=0: rank 5 (worst) -> not in top 5
            {1, 2, 9, 3, 4, 5},   // y=1: rank 4 -> top 5 only
            {1, 2, 9, 3, 4, 5},   // y=2: rank 0
            {5, 5, 5, 5, 5, 5},   // y=3: constant scores rank pessimistically (5 ahead)
        };
        int[] labels = {0, 0, 1, 2, 3};
        ClassificationMetrics m = ClassificationMetrics.fromScores(scores, labels);
        assertEquals(2.0 / 5, m.top1(), 1e-12);
        assertEquals(3.0 / 5, m.top5(), 1e-12);
        assertEquals(0.5, m.perClassAccuracy()[0], 1e-12);
        assertEquals(0.0, m.perClassAccuracy()[1], 1e-12);
        assertEquals(1.0, m.perClassAccuracy()[2], 1e-12);
        assertEquals(0.0, m.perClassAccuracy()[3], 1e-12);
        assertTrue(Double.isNaN(m.perClassAccuracy()[4]));
        assertEquals((0.5 + 0 + 1 + 0) / 4, m.meanPerClassRecall(), 1e-12);
        assertEquals(5, m.samples());
    }

    @Test
    void rejectsBadLabels() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.fromScores(new float[][] {{1, 2}}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.fromScores(new float[][] {{1, 2}}, new int[] {0, 1}));
    }
}
