package io.dihit.core.clip;

import ai.djl.ndarray.NDManager;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.testing.TinyClipFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.io.CheckpointFormatException;
import io.dihit.core.io.CheckpointLayout;
import io.dihit.core.io.CheckpointMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clip.wrap on the tiny PyTorch fixture: normalised features, batching, logit multiplier. */
class ClipTest {
    private static final float ABS_TOL = 1e-4f;

    static Clip tinyFixture(int batchSize) throws Exception {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        NDManager manager = NDManager.newBaseManager();
        model.initializeParameters(manager);
        Checkpoints.load(TinyClipFixture.file("model.safetensors"), model, true);
        return Clip.wrap(model, manager, null, batchSize);
    }

    @Test
    void encodesToTheFixturesNormalisedFeaturesInAnyBatchSize() throws Exception {
        float[][] expectedImages = normalisedRows(TinyClipFixture.floats("image_features"), 32);
        float[][] expectedTexts = normalisedRows(TinyClipFixture.floats("text_features"), 32);
        int[][] tokens = rows(TinyClipFixture.longs("text_tokens"), 16);
        for (int batch : new int[] {1, 2, 64}) {
            try (Clip clip = tinyFixture(batch)) {
                float[][] images = clip.encodePreprocessed(TinyClipFixture.floats("images"), 3);
                float[][] texts = clip.encodeTokens(tokens);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(expectedImages[i], images[i], ABS_TOL, "image " + i + ", batch " + batch);
                    assertArrayEquals(expectedTexts[i], texts[i], ABS_TOL, "text " + i + ", batch " + batch);
                }
                float[] logits = TinyClipFixture.floats("logits_per_image");
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double cosine = 0;
                        for (int k = 0; k < 32; k++) {
                            cosine += images[i][k] * texts[j][k];
                        }
                        assertEquals(logits[i * 3 + j], clip.logitMultiplier() * cosine, 1e-3, "logit " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void encodeImagesPreprocessesBufferedImagesLikeTheEvaluationTransform() throws Exception {
        List<BufferedImage> images = randomImages(5, 40, 33);
        try (Clip clip = tinyFixture(2)) {
            float[][] viaImages = clip.encodeImages(images);
            int per = clip.preprocessor().floatsPerImage();
            float[] pixels = new float[images.size() * per];
            for (int i = 0; i < images.size(); i++) {
                clip.preprocessor().applyInto(ImageDecoder.toRgb(images.get(i)), new Random(1), pixels, i * per);
            }
            float[][] viaPixels = clip.encodePreprocessed(pixels, images.size());
            assertEquals(5, viaImages.length);
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(viaPixels[i], viaImages[i], 1e-6f);
                double norm = 0;
                for (float v : viaImages[i]) {
                    norm += v * v;
                }
                assertEquals(1.0, Math.sqrt(norm), 1e-5);
            }
        }
    }

    @Test
    void textsWithoutTokenizerAndBadInputsFailClearly() throws Exception {
        try (Clip clip = tinyFixture(4)) {
            IllegalStateException noTokenizer = assertThrows(IllegalStateException.class, () -> clip.encodeTexts(List.of("a cat")));
            assertTrue(noTokenizer.getMessage().contains("merges"), noTokenizer.getMessage());
            IllegalArgumentException shortRow = assertThrows(IllegalArgumentException.class,
                    () -> clip.encodeTokens(new int[][] {new int[16], new int[15]}));
            assertTrue(shortRow.getMessage().contains("token row 1 has 15 ids"), shortRow.getMessage());
            assertThrows(IllegalArgumentException.class, () -> clip.encodePreprocessed(new float[10], 1));
        }
    }

    @Test
    void loadByBuiltInNameByConfigInTheFileAndRefusingWhatCannotBeLoaded(@TempDir Path dir) throws Exception {
        float[][] expected = normalisedRows(TinyClipFixture.floats("image_features"), 32);
        float[] pixels = TinyClipFixture.floats("images");
        try (Clip byName = Clip.load("tiny_fixture", TinyClipFixture.file("model.pt"))) {
            assertEquals(Clip.DEFAULT_BATCH_SIZE, byName.batchSize());
            assertFalse(byName.hasTokenizer());
            float[][] got = byName.encodePreprocessed(pixels, 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], got[i], ABS_TOL);
            }
            Path withConfig = dir.resolve("with-config.safetensors");
            Checkpoints.saveSafetensors(byName.model(), withConfig);
            try (Clip fromFile = Clip.load(withConfig, ClipOptions.defaults().withBatchSize(2))) {
                assertEquals(byName.config(), fromFile.config());
                assertEquals(2, fromFile.batchSize());
                assertArrayEquals(got[2], fromFile.encodePreprocessed(pixels, 3)[2], 1e-6f);
            }
        }
        IllegalArgumentException noConfig = assertThrows(IllegalArgumentException.class,
                () -> Clip.load(TinyClipFixture.file("model.safetensors")));
        assertTrue(noConfig.getMessage().contains("does not carry a model config"), noConfig.getMessage());
        noConfig = assertThrows(IllegalArgumentException.class, () -> Clip.load(TinyClipFixture.file("model.pt")));
        assertTrue(noConfig.getMessage().contains("does not carry a model config"), noConfig.getMessage());
        assertThrows(CheckpointMismatchException.class, () -> Clip.load("demo_tiny", TinyClipFixture.file("model.pt")));
        assertThrows(IllegalArgumentException.class, () -> Clip.load("no_such_model", TinyClipFixture.file("model.pt")));
    }

    @Test
    void runDirectoriesAndTrainingCheckpointsLoadWithTheirConfig(@TempDir Path run) throws Exception {
        float[] pixels = TinyClipFixture.floats("images");
        Path step = CheckpointLayout.stepDirectory(run, 200);
        Files.createDirectories(step);
        float[][] expected;
        try (Clip fixture = Clip.load("tiny_fixture", TinyClipFixture.file("model.pt"))) {
            expected = fixture.encodePreprocessed(pixels, 3);
            Checkpoints.saveSafetensors(fixture.model(), step.resolve(CheckpointLayout.MODEL_FILE));
        }
        try (Clip fromRun = Clip.load(run); Clip fromStep = Clip.load(step)) {
            assertEquals(ClipConfig.named("tiny_fixture"), fromRun.config());
            float[][] a = fromRun.encodePreprocessed(pixels, 3);
            float[][] b = fromStep.encodePreprocessed(pixels, 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], a[i], 1e-6f);
                assertArrayEquals(expected[i], b[i], 1e-6f);
            }
        }
    }

    @Test
    void openAiStyleWeightsNeedTheQuickGeluNameAndThenMatchPyTorch() throws Exception {
        Path weights = Path.of(ClipTest.class.getResource("/fixtures/tiny_clip_quickgelu/model.pt").toURI());
        JsonNode reference;
        try (InputStream in = ClipTest.class.getResourceAsStream("/fixtures/tiny_clip_quickgelu/reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        CheckpointFormatException refused = assertThrows(CheckpointFormatException.class, () -> Clip.load("tiny_fixture", weights));
        assertTrue(refused.getMessage().contains("-quickgelu"), refused.getMessage());
        float[] images = new float[3 * 3 * 32 * 32];
        float[] features = new float[3 * 32];
        flatten(reference.get("images"), images);
        flatten(reference.get("image_features"), features);
        float[][] expected = normalisedRows(features, 32);
        try (Clip clip = Clip.load("tiny_fixture-quickgelu", weights)) {
            float[][] got = clip.encodePreprocessed(images, 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], got[i], 1e-4f, "normalised image features " + i);
            }
        }
    }

    private static void flatten(JsonNode node, float[] out) {
        int[] next = {0};
        flattenInto(node, out, next);
        assertEquals(out.length, next[0]);
    }

    private static void flattenInto(JsonNode node, float[] out, int[] next) {
        if (node.isArray()) {
            node.forEach(n -> flattenInto(n, out, next));
        } else {
            out[next[0]++] = (float) node.asDouble();
        }
    }

    @Test
    void aClassEmbeddingIsTheRenormalisedMeanOfItsNormalisedPrompts() {
        float r = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {r, r, 0}, ZeroShotHead.classEmbedding(new float[][] {{2, 0, 0}, {0, 3, 0}}), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 1}, ZeroShotHead.classEmbedding(new float[][] {{0, 0, 5}}), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> ZeroShotHead.classEmbedding(new float[][] {{0, 0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> ZeroShotHead.classEmbedding(new float[][] {{1, 0}, {1, 0, 0}}));
    }

    static List<BufferedImage> randomImages(int n, int width, int height) {
        Random rng = new Random(7);
        List<BufferedImage> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(width + k, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, rng.nextInt(1 << 24));
                }
            }
            out.add(img);
        }
        return out;
    }

    static float[][] normalisedRows(float[] flat, int d) {
        float[][] out = new float[flat.length / d][d];
        for (int i = 0; i < out.length; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += (double) flat[i * d + j] * flat[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) (flat[i * d + j] / Math.sqrt(norm));
            }
        }
        return out;
    }

    static int[][] rows(long[] flat, int width) {
        int[][] out = new int[flat.length / width][width];
        for (int i = 0; i < flat.length; i++) {
            out[i / width][i % width] = (int) flat[i];
        }
        return out;
    }
}
