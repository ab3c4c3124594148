package io.dihit.filter.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtcGreedyDecoderTest {
    // classes: 0 blank, 1 'a', 2 'b', 3 '東', 4 ' '
    private final CtcGreedyDecoder decoder = new CtcGreedyDecoder(List.of("a", "b", "東"));

    /** One row per step: the winning class gets p, the rest share 1 - p. */
    private static float[] steps(int[] winners, float[] p) {
        float[] out = new float[winners.length * 5];
        for (int t = 0; t < winners.length; t++) {
            for (int k = 0; k < 5; k++) {
                out[t * 5 + k] = k == winners[t] ? p[t] : (1 - p[t]) / 4;
            }
        }
        return out;
    }

    @Test
    void repeatsCollapseBlanksSeparateAndSpaceIsTheLastClass() {
        float[] probs = steps(new int[] {1, 1, 0, 1, 2, 4, 3, 3, 0}, new float[] {0.9f, 0.8f, 0.99f, 0.7f, 0.6f, 0.95f, 0.5f, 0.9f, 0.9f});
        CtcGreedyDecoder.Decoded d = decoder.decode(probs, 0, 9);
        assertEquals("aab 東", d.text());
        // kept steps: t=0 (a, 0.9), t=3 (a, 0.7), t=4 (b, 0.6), t=5 (space, 0.95), t=6 (東, 0.5)
        assertEquals((0.9 + 0.7 + 0.6 + 0.95 + 0.5) / 5, d.confidence(), 1e-6);
        assertEquals(5, decoder.classCount());
    }

    @Test
    void onlyBlanksGiveEmptyTextAndOffsetsSelectASequence() {
        float[] two = new float[2 * 2 * 5];
        System.arraycopy(steps(new int[] {0, 0}, new float[] {0.9f, 0.9f}), 0, two, 0, 10);
        System.arraycopy(steps(new int[] {2, 0}, new float[] {0.8f, 0.9f}), 0, two, 10, 10);
        assertEquals(new CtcGreedyDecoder.Decoded("", 0.0), decoder.decode(two, 0, 2));
        assertEquals("b", decoder.decode(two, 10, 2).text());
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(two, 11, 2));
    }

    @Test
    void dictionaryFileIsOneCharacterPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "x\ny\r\nz", StandardCharsets.UTF_8);
        CtcGreedyDecoder fromFile = CtcGreedyDecoder.fromDictionaryFile(file);
        assertEquals(5, fromFile.classCount());
        assertEquals("yz", fromFile.decode(steps(new int[] {2, 3}, new float[] {0.9f, 0.9f}), 0, 2).text());
        assertThrows(IllegalArgumentException.class, () -> new CtcGreedyDecoder(List.of()));
    }
}
