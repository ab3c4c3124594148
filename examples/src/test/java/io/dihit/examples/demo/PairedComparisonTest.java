package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    @Test
    void tQuantilesMatchTheTables() {
        assertEquals(12.7062, PairedComparison.t975(1), 1e-4);
        assertEquals(2.5706, PairedComparison.t975(5), 1e-4);
        assertEquals(2.0423, PairedComparison.t975(30), 1e-4);
        // t_{0.975,35} = 2.0301; interpolation in 1/df between 30 and 40 gives 2.03019
        assertEquals(2.0301, PairedComparison.t975(35), 2e-4);
        assertEquals(1.9799, PairedComparison.t975(120), 1e-4);
        assertEquals(1.96, PairedComparison.t975(1_000_000), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.t975(0));
    }

    @Test
    void sixReplicatesHandComputed() {
        // differences 1..6: mean 3.5, sd sqrt(3.5) = 1.870829, se 0.763763, half-width 2.5706 * se = 1.963330
        PairedComparison p = PairedComparison.of(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0));
        assertEquals(6, p.n());
        assertEquals(3.5, p.meanDifference(), 1e-12);
        assertEquals(1.870829, p.stdDifference(), 1e-6);
        assertEquals(1.536670, p.low(), 1e-5);
        assertEquals(5.463330, p.high(), 1e-5);
        assertEquals(PairedComparison.Verdict.GAIN, p.verdict());
        assertTrue(p.reproduces());
    }

    @Test
    void pairingRemovesTheSharedReplicateEffect() {
        // Large spread between replicates, constant +0.01 within each: paired, the gain is exact.
        PairedComparison p = PairedComparison.of(List.of(0.10, 0.30, 0.50), List.of(0.11, 0.31, 0.51));
        assertEquals(0.01, p.meanDifference(), 1e-12);
        assertEquals(0.0, p.stdDifference(), 1e-12);
        assertTrue(p.reproduces());
        assertEquals("+1.0 [+1.0, +1.0]", p.percentPoints(), "the docs/demo.md snippet");
    }

    @Test
    void intervalContainingZeroDoesNotReproduce() {
        // differences 0.01, 0.02, 0.03: mean 0.02, sd 0.01, half-width 4.3027 * 0.01 / sqrt(3) = 0.024842
        PairedComparison p = PairedComparison.ofDifferences(new double[] {0.01, 0.02, 0.03});
        assertEquals(-0.004842, p.low(), 1e-6);
        assertEquals(0.044842, p.high(), 1e-6);
        assertEquals(PairedComparison.Verdict.UNRESOLVED, p.verdict());
        assertFalse(p.reproduces());
        assertEquals("+2.0 [-0.5, +4.5]", p.percentPoints());
    }

    @Test
    void intervalBelowZeroIsALoss() {
        // differences -1, -1.1, -0.9, -1: mean -1, sd 0.081650, half-width 3.1824 * 0.040825 = 0.129921
        PairedComparison p = PairedComparison.ofDifferences(new double[] {-1, -1.1, -0.9, -1});
        assertEquals(-1.129921, p.low(), 1e-5);
        assertEquals(-0.870079, p.high(), 1e-5);
        assertEquals(PairedComparison.Verdict.LOSS, p.verdict());
        assertFalse(p.reproduces());
    }

    @Test
    void oneReplicateHasNoInterval() {
        PairedComparison p = PairedComparison.ofDifferences(new double[] {0.05});
        assertEquals(PairedComparison.Verdict.TOO_FEW, p.verdict());
        assertFalse(p.reproduces());
        assertTrue(Double.isNaN(p.low()));
        assertEquals("+5.0 (n = 1)", p.percentPoints());
    }

    @Test
    void twoReplicatesGiveAnIntervalButNoVerdict() {
        // the quick run's R@1: one more correct image of 1,857 in both replicates -> a zero-width interval
        PairedComparison p = PairedComparison.ofDifferences(new double[] {1.0 / 1857, 1.0 / 1857});
        assertEquals(p.meanDifference(), p.low(), 1e-15);
        assertEquals(PairedComparison.Verdict.TOO_FEW, p.verdict());
        assertFalse(p.reproduces());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.ofDifferences(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(List.of(1.0), List.of(1.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.ofDifferences(new double[] {Double.NaN}));
    }
}
