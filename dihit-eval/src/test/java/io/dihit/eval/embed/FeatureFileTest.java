package io.dihit.eval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFileTest {
    @Test
    void roundTripAndKeyCheck(@TempDir Path dir) throws IOException {
        float[][] m = {{1.5f, -2f, Float.MIN_VALUE}, {0f, 3.25f, -0f}};
        Path f = dir.resolve("sub/x.emb");
        FeatureFile.write(f, "key-1", m);
        float[][] back = FeatureFile.read(f, "key-1");
        assertArrayEquals(m[0], back[0], 0f);
        assertArrayEquals(m[1], back[1], 0f);
        assertThrows(IOException.class, () -> FeatureFile.read(f, "key-2"));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThrows(IOException.class, () -> FeatureFile.read(f, "key-1"));
    }
}
