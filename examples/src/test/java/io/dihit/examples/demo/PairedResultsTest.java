package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dihit.examples.data.EmojiStyle;
import io.dihit.examples.data.StyleFold;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedResultsTest {

    private static final Replicate T1 = new Replicate(new StyleFold(EmojiStyle.TWITTER), 1);
    private static final Replicate T2 = new Replicate(new StyleFold(EmojiStyle.TWITTER), 2);
    private static final Replicate G1 = new Replicate(new StyleFold(EmojiStyle.GOOGLE), 1);

    @Test
    void comparesByReplicateNotByOrder() {
        PairedResults r = new PairedResults()
                .add("R@1", "base", T1, 0.10).add("R@1", "base", T2, 0.30).add("R@1", "base", G1, 0.50)
                // recorded in another order, and one replicate missing
                .add("R@1", "hn", G1, 0.53).add("R@1", "hn", T1, 0.13);
        PairedComparison p = r.compare("R@1", "base", "hn");
        assertEquals(2, p.n());
        assertEquals(0.03, p.meanDifference(), 1e-12);
        assertEquals(0.0, p.stdDifference(), 1e-12);
        assertEquals(List.of("R@1"), r.metrics());
        assertEquals(Map.of(G1, 0.53, T1, 0.13), r.series("R@1", "hn"));
    }

    @Test
    void duplicatesAndUnknownsFail() {
        PairedResults r = new PairedResults().add("R@1", "base", T1, 0.1);
        assertThrows(IllegalArgumentException.class, () -> r.add("R@1", "base", T1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> r.compare("R@1", "base", "hn"));
        assertThrows(IllegalArgumentException.class, () -> r.add("R@1", "hn", T1, Double.NaN));
    }

    @Test
    void verdictLinesNameTheMetrics() {
        Variant.Comparison c = Variant.COMPARISONS.get(0);
        assertEquals("**HN-NCE step**: reproduces on R@1; not shown on R@5, R@10 (interval contains 0); opposite on category top-1.",
                EvidenceReport.verdict(c, new java.util.LinkedHashMap<>(Map.of(
                        PairedComparison.Verdict.GAIN, List.of("R@1"),
                        PairedComparison.Verdict.UNRESOLVED, List.of("R@5", "R@10"),
                        PairedComparison.Verdict.LOSS, List.of("category top-1")))));
        assertEquals("**HN-NCE step**: fewer than 3 paired replicates: no claim either way (run more folds or seeds).",
                EvidenceReport.verdict(c, Map.of(PairedComparison.Verdict.TOO_FEW, List.of("R@1"))));
    }

    @Test
    void lastQuarterShareOfTheLossDecrease() {
        // loss falls linearly from 40 to 1 over 40 steps: windows of 4 -> start 38.5, around 3/4 ~ 10.5, end 2.5
        List<double[]> linear = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            linear.add(new double[] {i + 1, 40 - i});
        }
        assertEquals((10.5 - 2.5) / (38.5 - 2.5), EvidenceReport.lastQuarterShare(linear), 1e-12);
        List<double[]> flat = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flat.add(new double[] {i + 1, i < 20 ? 40 - 2 * i : 2});
        }
        assertEquals(0.0, EvidenceReport.lastQuarterShare(flat), 1e-12);
    }
}
