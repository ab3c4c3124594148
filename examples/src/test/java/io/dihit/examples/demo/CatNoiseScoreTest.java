package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.examples.data.NoiseKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatNoiseScoreTest {

    @Test
    void recallAndPrecisionPerKindFromKeptAndRejectedIds() {
        Map<String, NoiseKind> kinds = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            kinds.put("clean" + i, NoiseKind.CLEAN);
        }
        for (int i = 0; i < 4; i++) {
            kinds.put("text" + i, NoiseKind.TEXT_IN_IMAGE);
            kinds.put("uninf" + i, NoiseKind.UNINFORMATIVE);
            kinds.put("mis" + i, NoiseKind.MISMATCHED);
        }
        // rejected: 2 clean, 3 text-in-image, 4 uninformative, 1 mismatched = 10; "mis3" failed (neither kept nor rejected)
        Set<String> rejected = Set.of("clean0", "clean1", "text0", "text1", "text2", "uninf0", "uninf1", "uninf2", "uninf3", "mis0");
        Set<String> kept = new java.util.HashSet<>(kinds.keySet());
        kept.removeAll(rejected);
        kept.remove("mis3");
        CatNoiseScore score = CatNoiseScore.of(kinds, kept, rejected);

        assertEquals(new CatNoiseScore.KindScore(10, 8, 2, 0), score.kind(NoiseKind.CLEAN));
        assertEquals(new CatNoiseScore.KindScore(4, 1, 3, 0), score.kind(NoiseKind.TEXT_IN_IMAGE));
        assertEquals(new CatNoiseScore.KindScore(4, 0, 4, 0), score.kind(NoiseKind.UNINFORMATIVE));
        assertEquals(new CatNoiseScore.KindScore(4, 2, 1, 1), score.kind(NoiseKind.MISMATCHED));
        assertEquals(0.2, score.kind(NoiseKind.CLEAN).recall(), 1e-12);
        assertEquals(0.75, score.kind(NoiseKind.TEXT_IN_IMAGE).recall(), 1e-12);
        assertEquals(1.0, score.kind(NoiseKind.UNINFORMATIVE).recall(), 1e-12);
        assertEquals(0.25, score.kind(NoiseKind.MISMATCHED).recall(), 1e-12);
        assertEquals(0.3, score.precision(NoiseKind.TEXT_IN_IMAGE), 1e-12);
        assertEquals(0.4, score.precision(NoiseKind.UNINFORMATIVE), 1e-12);
        assertEquals(0.1, score.precision(NoiseKind.MISMATCHED), 1e-12);
        assertEquals(0.2, score.precision(NoiseKind.CLEAN), 1e-12);
        assertEquals(0.8, score.noisePrecision(), 1e-12);
        assertEquals(10, score.rejected());
    }

    @Test
    void nothingRejectedGivesNoPrecisionAndUnknownIdsFail() {
        Map<String, NoiseKind> kinds = Map.of("a", NoiseKind.CLEAN, "b", NoiseKind.MISMATCHED);
        CatNoiseScore score = CatNoiseScore.of(kinds, Set.of("a", "b"), Set.of());
        assertTrue(Double.isNaN(score.noisePrecision()));
        assertEquals(0.0, score.kind(NoiseKind.MISMATCHED).recall(), 1e-12);
        assertTrue(Double.isNaN(score.kind(NoiseKind.TEXT_IN_IMAGE).recall()), "no rows of the kind");
        assertThrows(IllegalArgumentException.class, () -> CatNoiseScore.of(kinds, Set.of("a"), Set.of("z")));
        assertThrows(IllegalArgumentException.class, () -> CatNoiseScore.of(kinds, Set.of("a"), Set.of("a")));
    }
}
