package io.dihit.core.clip;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL Translators through real Predictors give what Clip's own methods give. */
class ClipPredictorTest {
    private static final float TOL = 1e-6f;

    @TempDir
    Path dir;

    @Test
    void imagePredictionsEqualEncodeImagesOnTheFixture() throws Exception {
        List<BufferedImage> pictures = ClipTest.randomImages(5, 40, 30);
        try (Clip clip = ClipTest.tinyFixture(2);
             Predictor<Image, float[]> predictor = clip.imageModel().newPredictor(new ImageEmbeddingTranslator(clip))) {
            float[][] expected = clip.encodeImages(pictures);
            ImageFactory factory = ImageFactory.getInstance();
            for (int i = 0; i < pictures.size(); i++) {
                assertArrayEquals(expected[i], predictor.predict(factory.fromImage(pictures.get(i))), TOL, "image " + i);
            }
            List<float[]> batch = predictor.batchPredict(pictures.stream().map(factory::fromImage).toList());
            assertEquals(5, batch.size());
            for (int i = 0; i < pictures.size(); i++) {
                assertArrayEquals(expected[i], batch.get(i), TOL, "batched image " + i);
            }
            IllegalStateException noTokenizer = assertThrows(IllegalStateException.class, () -> new TextEmbeddingTranslator(clip));
            assertTrue(noTokenizer.getMessage().contains("merges"), noTokenizer.getMessage());
        }
    }

    @Test
    void textAndZeroShotPredictionsEqualClipsOwnAndTheDocsSnippetRuns() throws Exception {
        ClipFiles.assertSourceRuns(getClass(), ClipFiles.librarySnippets("Load a CLIP").get(1));
        List<Path> photos = ClipFiles.photos(dir, 2);
        List<String> captions = List.of("a photo of a cat", "a dog on a skateboard", "");
        try (Clip clip = Clip.load(ClipFiles.tinyModelWithConfig(dir), ClipOptions.defaults().withTokenizer(ClipFiles.merges()))) {
            float[][] expectedTexts = clip.encodeTexts(captions);
            try (Predictor<String, float[]> texts = clip.textModel().newPredictor(new TextEmbeddingTranslator(clip))) {
                for (int i = 0; i < captions.size(); i++) {
                    assertArrayEquals(expectedTexts[i], texts.predict(captions.get(i)), TOL, "text " + i);
                }
                List<float[]> batch = texts.batchPredict(captions);
                for (int i = 0; i < captions.size(); i++) {
                    assertArrayEquals(expectedTexts[i], batch.get(i), TOL, "batched text " + i);
                }
            }
            List<String> classNames = List.of("cat", "dog", "skateboard");
            List<BufferedImage> pictures = List.of(ImageIO.read(photos.get(0).toFile()), ImageIO.read(photos.get(1).toFile()));
            List<ZeroShotPrediction> expected = clip.zeroShot(pictures, classNames);
            try (Predictor<Image, Classifications> zeroShot = clip.imageModel().newPredictor(new ZeroShotTranslator(clip, classNames))) {
                for (int i = 0; i < pictures.size(); i++) {
                    Classifications got = zeroShot.predict(ImageFactory.getInstance().fromImage(pictures.get(i)));
                    assertEquals(classNames, got.getClassNames());
                    double[] probabilities = got.getProbabilities().stream().mapToDouble(Double::doubleValue).toArray();
                    assertArrayEquals(expected.get(i).probabilities(), probabilities, TOL, "image " + i);
                    assertEquals(expected.get(i).topClass(), got.best().getClassName());
                    assertEquals(1.0, got.getProbabilities().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
                }
            }

            // --- docs/library.md, "The DJL way"
            try (Predictor<Image, float[]> images = clip.imageModel().newPredictor(new ImageEmbeddingTranslator(clip));
                 Predictor<String, float[]> texts = clip.textModel().newPredictor(new TextEmbeddingTranslator(clip));
                 Predictor<Image, Classifications> classes =
                         clip.imageModel().newPredictor(new ZeroShotTranslator(clip, List.of("cat", "dog")))) {
                Image photo = ImageFactory.getInstance().fromFile(photos.get(0));
                float[] imageEmbedding = images.predict(photo);
                float[] textEmbedding = texts.predict("a photo of a cat");
                Classifications result = classes.predict(photo);
            }
            // --- end of snippet (the predictors' numbers are checked above)
        }
    }
}
