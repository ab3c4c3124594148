package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.clip.ZeroShotPrediction;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** docs/library.md, "Load a CLIP": load weights that carry their config, encode held-out emoji and captions, zero-shot. */
class LoadAClipTest extends SnippetTest {


    @Test
    void loadsEncodesAndClassifiesEmoji() throws Exception {
        EmojiData data = EmojiData.get();
        Path merges = data.bpe;
        List<Path> photos;
        try (Stream<Path> files = Files.walk(data.heldOut)) {
            photos = files.filter(p -> p.toString().endsWith(".png")).sorted().limit(5).toList();
        }
        // the weights a user has: here a freshly initialised tiny model, saved as training saves its model
        Path weights = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.fromJson(data.modelJson));
            model.initializeParameters(manager);
            Checkpoints.saveSafetensors(model, weights);
        }

        printed = Printed.capture();
        // --- docs/library.md "Load a CLIP" ---
        ClipOptions options = ClipOptions.defaults().withBatchSize(32).withTokenizer(merges);
        try (Clip clip = Clip.load(weights, options)) {
            float[][] imageEmbeddings = clip.encodeImagePaths(photos);
            float[][] textEmbeddings = clip.encodeTexts(List.of("a photo of a cat", "a photo of a dog"));

            List<BufferedImage> images = List.of(ImageIO.read(photos.get(0).toFile()));
            List<ZeroShotPrediction> predictions = clip.zeroShot(images, List.of("cat", "dog"));
            System.out.println(predictions.get(0).topClass() + " " + predictions.get(0).topProbability());
        }
        // --- end of snippet ---
        List<String> lines = printed.stop();

        // what the snippet computed, checked by hand: unit rows, and the printed class is the nearer prompt
        assertEquals(1, lines.size(), String.valueOf(lines));
        String[] parts = lines.get(0).split(" ");
        try (Clip clip = Clip.load(weights, ClipOptions.defaults().withBatchSize(1).withTokenizer(merges))) {
            float[][] imageRows = clip.encodeImagePaths(photos);
            assertEquals(5, imageRows.length, "one row per photo");
            assertEquals(ClipConfig.fromJson(data.modelJson).embedDim(), imageRows[0].length);
            for (float[] row : imageRows) {
                assertEquals(1.0, Math.sqrt(dot(row, row)), 1e-4, "embeddings are L2-normalised");
            }
            float[][] prompts = clip.encodeTexts(List.of("a photo of a cat.", "a photo of a dog."));
            double cat = clip.logitMultiplier() * dot(imageRows[0], prompts[0]);
            double dog = clip.logitMultiplier() * dot(imageRows[0], prompts[1]);
            double pCat = 1 / (1 + Math.exp(dog - cat));
            assertEquals(pCat >= 0.5 ? "cat" : "dog", parts[0], lines.get(0));
            assertEquals(Math.max(pCat, 1 - pCat), Double.parseDouble(parts[1]), 1e-5);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
