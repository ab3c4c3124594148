package io.dihit.filter.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DbBoxExtractorTest {
    private final DbBoxExtractor extractor = new DbBoxExtractor(0.3, 0.6, 1.5, 3);

    /** A 40x20 map with text kernels at the given rectangles (inclusive pixel ranges) and value. */
    private static float[] map(float value, int[]... rects) {
        float[] m = new float[40 * 20];
        for (int[] r : rects) {
            for (int y = r[1]; y <= r[3]; y++) {
                for (int x = r[0]; x <= r[2]; x++) {
                    m[y * 40 + x] = value;
                }
            }
        }
        return m;
    }

    @Test
    void kernelsBecomeUnclippedBoxesInReadingOrder() {
        // second line first in memory order on purpose; right word before left word on line one
        float[] m = map(0.9f, new int[] {5, 14, 14, 17}, new int[] {25, 2, 34, 5}, new int[] {3, 3, 12, 6});
        List<TextBox> boxes = extractor.extract(m, 40, 20);
        assertEquals(3, boxes.size());
        // kernel 10 x 4 px: grown by area * 1.5 / perimeter = 40 * 1.5 / 28 on every side
        double d = 40 * 1.5 / 28;
        assertBox(boxes.get(0), 3 - d, 3 - d, 13 + d, 7 + d);
        assertBox(boxes.get(1), 25 - d, 2 - d, 35 + d, 6 + d);
        assertBox(boxes.get(2), 5 - d, 14 - d, 15 + d, 18 + d);
        assertEquals(0.9, boxes.get(0).score(), 1e-6);
    }

    @Test
    void weakThinAndBelowThresholdRegionsAreDropped() {
        assertEquals(List.of(), extractor.extract(map(0.5f, new int[] {5, 5, 20, 12}), 40, 20), "score 0.5 < box threshold 0.6");
        assertEquals(List.of(), extractor.extract(map(0.25f, new int[] {5, 5, 20, 12}), 40, 20), "below the binary threshold");
        assertEquals(List.of(), extractor.extract(map(0.9f, new int[] {5, 5, 30, 7}), 40, 20), "2 px between contour points < 3");
    }

    @Test
    void scoreIsTheMeanOverTheBoundingBox() {
        // an L shape: 7 of the 16 pixels of its 4x4 bounding box are text at 0.9, the rest 0
        float[] m = map(0.9f, new int[] {10, 10, 13, 10}, new int[] {10, 11, 10, 13});
        DbBoxExtractor lenient = new DbBoxExtractor(0.3, 0.3, 1.5, 3);
        List<TextBox> boxes = lenient.extract(m, 40, 20);
        assertEquals(1, boxes.size());
        assertEquals(0.9 * 7 / 16, boxes.get(0).score(), 1e-6);
        assertEquals(List.of(), extractor.extract(m, 40, 20));
    }

    @Test
    void mapSizeMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(new float[10], 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new DbBoxExtractor(0.0, 0.6, 1.5, 3));
    }

    private static void assertBox(TextBox box, double x0, double y0, double x1, double y1) {
        assertEquals(x0, box.x0(), 1e-9);
        assertEquals(y0, box.y0(), 1e-9);
        assertEquals(x1, box.x1(), 1e-9);
        assertEquals(y1, box.y1(), 1e-9);
    }
}
