package io.dihit.eval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.image.RgbImage;
import io.dihit.core.model.ClipConfig;
import io.dihit.eval.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against tiny_clip/reference.json: features computed by PyTorch for the same weights and inputs. */
class ClipEncoderTest {
    static Path resource(String name) {
        try {
            return Path.of(ClipEncoderTest.class.getResource("/tiny_clip/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ClipEncoder tinyEncoder(int batch) throws IOException {
        return ClipEncoder.open(ClipConfig.named("tiny_fixture"), resource("model.safetensors"), Device.cpu(), batch);
    }

    @Test
    void featuresAndLogitScaleMatchPyTorch() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(resource("reference.json").toFile());
        float[] pixels = flatten(ref.get("images"));
        int[][] tokens = new int[3][];
        for (int i = 0; i < 3; i++) {
            JsonNode row = ref.get("text_tokens").get(i);
            tokens[i] = new int[row.size()];
            for (int j = 0; j < row.size(); j++) {
                tokens[i][j] = row.get(j).asInt();
            }
        }
        try (ClipEncoder enc = tinyEncoder(2)) { // batch 2 over 3 samples: exercises a partial batch
            float[][] img = enc.encodePixels(pixels, 3);
            float[][] txt = enc.encodeTokens(tokens);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(flatten(ref.get("image_features").get(i)), img[i], 2e-5f, "image " + i);
                assertArrayEquals(flatten(ref.get("text_features").get(i)), txt[i], 2e-5f, "text " + i);
            }
            // logits_per_image[0][0] = exp(logit_scale) * cos(image 0, text 0)
            double cos = dot(img[0], txt[0]) / Math.sqrt(dot(img[0], img[0]) * dot(txt[0], txt[0]));
            assertEquals(ref.get("logits_per_image").get(0).get(0).asDouble() / cos, enc.logitScale(), 1e-3);
            assertThrows(IllegalArgumentException.class, () -> enc.encodeTokens(new int[][] {{1, 2}}));
        }
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
        try (ClipEncoder enc = tinyEncoder(5)) {
            oneBatch = new ImageEmbeddings(enc, "k", null).compute(images);
        }
        try (ClipEncoder enc = tinyEncoder(2)) {
            ImageEmbeddings emb = new ImageEmbeddings(enc, "k", cache);
            float[][] first = emb.of(images);
            assertEquals(10, decodes.get());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(oneBatch[i], first[i], 1e-5f);
            }
            assertNotEquals(first[0][0], first[1][0]);
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

    static float[] flatten(JsonNode node) {
        java.util.List<Float> out = new java.util.ArrayList<>();
        collect(node, out);
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i);
        }
        return f;
    }

    private static void collect(JsonNode node, java.util.List<Float> out) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        } else {
            out.add((float) node.asDouble());
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
