package io.dihit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KShotSamplerTest {
    private static final int[] LABELS = {2, 0, 1, 0, 2, 1, 0, 1, 2, 0, 1, 2};

    @Test
    void drawsKDistinctSamplesPerClassInLabelOrder() {
        int[] pick = KShotSampler.sample(LABELS, 3, 3, 7);
        assertEquals(9, pick.length);
        assertEquals(9, Arrays.stream(pick).distinct().count());
        for (int i = 0; i < pick.length; i++) {
            assertEquals(i / 3, LABELS[pick[i]], "pick " + i);
        }
    }

    @Test
    void isReproducibleFromItsSeed() {
        assertArrayEquals(KShotSampler.sample(LABELS, 3, 2, 5), KShotSampler.sample(LABELS, 3, 2, 5));
        boolean differs = false;
        for (long seed = 0; seed < 10 && !differs; seed++) {
            differs = !Arrays.equals(KShotSampler.sample(LABELS, 3, 2, 5), KShotSampler.sample(LABELS, 3, 2, seed));
        }
        assertTrue(differs);
        // all four samples of a class are taken when k equals its size
        int[] all = KShotSampler.sample(LABELS, 3, 4, 1);
        assertArrayEquals(new int[] {1, 3, 6, 9}, Arrays.stream(all, 0, 4).sorted().toArray());
    }

    @Test
    void refusesTooFewSamplesAndBadLabels() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> KShotSampler.sample(LABELS, 3, 5, 0));
        assertEquals("class 0 has 4 training samples, fewer than 5 shots", few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KShotSampler.sample(LABELS, 2, 1, 0)); // label 2 outside [0, 2)
        assertThrows(IllegalArgumentException.class, () -> KShotSampler.sample(LABELS, 3, 0, 0));
    }
}
