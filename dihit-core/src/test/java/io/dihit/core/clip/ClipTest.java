package io.dihit.core.clip;

import ai.djl.ndarray.NDManager;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.testing.TinyClipFixture;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
