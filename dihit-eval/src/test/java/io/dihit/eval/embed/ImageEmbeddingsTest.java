package io.dihit.eval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.image.RgbImage;
import io.dihit.core.model.ClipConfig;
import io.dihit.eval.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image embeddings of a dataset with the tiny fixture model: batch-invariant, normalised, cached. */
class ImageEmbeddingsTest {
    static Path resource(String name) {
        try {
            return Path.of(ImageEmbeddingsTest.class.getResource("/tiny_clip/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Clip tinyClip(int batch) throws IOException {
        return Clip.load(ClipConfig.named("tiny_fixture"), resource("model.safetensors"),
                ClipOptions.defaults().withDevice(Device.cpu()).withBatchSize(batch));
    }

    @Test
    void imageEmbeddingsAreBatchInvariantAndCached(@TempDir Path cache) throws IOException {
        AtomicInteger decodes = new AtomicInteger();
        ImageSet images = new ImageSet() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public String id(int index) {
                return "synthetic/" + index;
            }

            @Override
            public RgbImage image(int index) {
                decodes.incrementAndGet();
                byte[] rgb = new byte[40 * 48 * 3];
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = (byte) ((i * (index + 3)) % 251);
                }
                return new RgbImage(48, 40, rgb);
            }

            @Override
            public String fingerprint() {
                return "synthetic-5";
            }
        };
        float[][] oneBatch;
        try (Clip enc = tinyClip(5)) {
            oneBatch = new ImageEmbeddings(enc, "k", null).compute(images);
        }
        try (Clip enc = tinyClip(2)) {
            ImageEmbeddings emb = new ImageEmbeddings(enc, "k", cache);
            float[][] first = emb.of(images);
            assertEquals(10, decodes.get());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(oneBatch[i], first[i], 1e-5f);
            }
            assertNotEquals(first[0][0], first[1][0]);
            assertEquals(1.0, Math.sqrt(dot(first[3], first[3])), 1e-5, "rows come back L2-normalised");
            assertTrue(Files.isRegularFile(cache.resolve(emb.key(images) + ".emb")));
            float[][] second = emb.of(images);
            assertEquals(10, decodes.get(), "second run must come from the cache");
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(first[i], second[i], 0f);
            }
        }
    }

    @Test
    void checkpointKeyFollowsContent(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Files.copy(resource("model.safetensors"), a);
        Files.copy(resource("model.safetensors"), b);
        assertEquals(ImageEmbeddings.checkpointKey(a, "{}"), ImageEmbeddings.checkpointKey(b, "{}"));
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length - 1] ^= 1;
        Files.write(b, bytes);
        assertNotEquals(ImageEmbeddings.checkpointKey(a, "{}"), ImageEmbeddings.checkpointKey(b, "{}"));
        assertNotEquals(ImageEmbeddings.checkpointKey(a, "{}"), ImageEmbeddings.checkpointKey(a, "{\"x\":1}"));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
