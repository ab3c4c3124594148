package io.dihit.eval.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @Test
    void readsBothSplitsWithKnownContents() throws IOException {
        FashionMnistTestSupport.requireFashionMnist();
        // Reference values from an independent Python gzip/IDX read of the Debian files.
        FashionMnist train = FashionMnist.load(FashionMnist.Split.TRAIN);
        FashionMnist test = FashionMnist.load(FashionMnist.Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        int[] first = new int[10];
        for (int i = 0; i < 10; i++) {
            first[i] = train.label(i);
        }
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, first);
        assertEquals(9, test.label(0));
        assertEquals(2, test.label(1));
        int[] counts = new int[10];
        for (int y : train.labels()) {
            counts[y]++;
        }
        for (int c : counts) {
            assertEquals(6000, c);
        }
        long sum = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                sum += train.pixel(0, r, c);
            }
        }
        assertEquals(76_247, sum);
        assertEquals(217, train.pixel(0, 14, 14));
        assertEquals(110, test.pixel(0, 14, 14));
        assertEquals(217, train.image(0).get(14, 14, 0));
        assertEquals(217, train.image(0).get(14, 14, 2));
        assertEquals("ankle boot", train.classNames().get(train.label(0)));
        assertEquals(217 / 255f, train.pixelFeatures(0)[14 * 28 + 14], 1e-7f);
        assertTrue(!train.fingerprint().equals(test.fingerprint()));
        assertEquals(train.fingerprint(), FashionMnist.load(FashionMnist.Split.TRAIN).fingerprint());
    }

    @Test
    void missingAndCorruptFilesGiveClearErrors(@TempDir Path dir) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TEST));
        assertTrue(missing.getMessage().contains("dataset-fashion-mnist"), missing.getMessage());
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2});
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2});
        IOException truncated = assertThrows(IOException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TEST));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }
}
