package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values read from the IDX files with Python's gzip module. */
class FashionMnistTest {

    @Test
    void testSplitHasTenBalancedClasses() {
        FashionMnist.Split test = FashionMnist.read(RequiredData.fashionMnist().fashionMnistDir(), false, Integer.MAX_VALUE);
        assertEquals(10_000, test.size());
        int[] counts = new int[10];
        for (int label : test.labels()) {
            counts[label]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, counts);
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
        int sum = 0;
        for (byte b : test.images()[0]) {
            sum += b & 0xFF;
        }
        assertEquals(33456, sum);
    }

    @Test
    void limitReadsAPrefix() {
        FashionMnist.Split train = FashionMnist.read(RequiredData.fashionMnist().fashionMnistDir(), true, 100);
        assertEquals(100, train.size());
        assertEquals(28 * 28, train.images()[99].length);
    }

    @Test
    void missingFilesSayHowToFetchThem(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FashionMnist.read(empty, false, 10));
        assertEquals(true, e.getMessage().contains("fetch-data"));
    }
}
