package io.dihit.core.clip;

import io.dihit.core.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the "Load a CLIP" snippet of docs/library.md as written, then checks what it computed another way. */
class LoadAClipSnippetTest {
    @TempDir
    Path dir;

    @Test
    void theDocsSnippetRunsAndPrintsTheTopClass() throws Exception {
        ClipFiles.assertSourceRuns(getClass(), ClipFiles.librarySnippets("Load a CLIP").get(0));
        Path weights = ClipFiles.tinyModelWithConfig(dir);
        Path merges = ClipFiles.merges();
        List<Path> photos = ClipFiles.photos(dir, 3);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // --- docs/library.md, "Load a CLIP"
            ClipOptions options = ClipOptions.defaults().withBatchSize(32).withTokenizer(merges);
            try (Clip clip = Clip.load(weights, options)) {
                float[][] imageEmbeddings = clip.encodeImagePaths(photos);
                float[][] textEmbeddings = clip.encodeTexts(List.of("a photo of a cat", "a photo of a dog"));

                List<BufferedImage> images = List.of(ImageIO.read(photos.get(0).toFile()));
                List<ZeroShotPrediction> predictions = clip.zeroShot(images, List.of("cat", "dog"));
                System.out.println(predictions.get(0).topClass() + " " + predictions.get(0).topProbability());
            }
            // --- end of snippet
        } finally {
            System.setOut(stdout);
        }

        // the same computation by hand, with a batch size of 1
        try (Clip clip = Clip.load(weights, ClipOptions.defaults().withBatchSize(1).withTokenizer(merges))) {
            assertEquals(ClipFiles.TINY_WITH_CLIP_VOCAB, clip.config());
            float[][] cat = clip.encodeTexts(List.of("a photo of a cat."));
            float[][] dog = clip.encodeTexts(List.of("a photo of a dog."));
            float[] image = clip.encodeRgb(List.of(ImageDecoder.decode(photos.get(0))))[0];
            double catLogit = clip.logitMultiplier() * dot(image, cat[0]);
            double dogLogit = clip.logitMultiplier() * dot(image, dog[0]);
            double pCat = 1 / (1 + Math.exp(dogLogit - catLogit));
            String expected = pCat >= 0.5 ? "cat " + pCat : "dog " + (1 - pCat);
            String[] got = printed.toString(StandardCharsets.UTF_8).strip().split(" ");
            assertEquals(expected.split(" ")[0], got[0]);
            assertEquals(Double.parseDouble(expected.split(" ")[1]), Double.parseDouble(got[1]), 1e-5);

            float[][] paths = clip.encodeImagePaths(photos);
            float[][] decoded = clip.encodeImages(List.of(ImageIO.read(photos.get(1).toFile()), ImageIO.read(photos.get(2).toFile())));
            assertEquals(3, paths.length);
            assertArrayEquals(decoded[0], paths[1], 1e-6f);
            assertArrayEquals(decoded[1], paths[2], 1e-6f);
            assertEquals(1.0, Math.sqrt(dot(paths[0], paths[0])), 1e-5);
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
