package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanAndSampleStandardDeviation() {
        Stats s = Stats.of(List.of(0.2, 0.4, 0.6));
        assertEquals(0.4, s.mean(), 1e-12);
        assertEquals(0.2, s.std(), 1e-12);
        assertEquals("40.0 ± 20.0", s.percent());
    }

    @Test
    void oneValueHasNoSpreadAndNoneIsAnError() {
        assertEquals(0.0, Stats.of(List.of(0.5)).std());
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }
}
