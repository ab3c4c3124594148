package io.dihit.filter.job;

import io.dihit.filter.CatRule;
import io.dihit.filter.CatScorer;
import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.spotting.TextMatcher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Test data: small images (plain or "with text") and manifests over them. */
final class JobFixtures {
    private JobFixtures() {
    }

    /** The fake parser without OCR, with the given image check. */
    static SampleProcessor fakeProcessor(ImageCheck imageCheck) {
        CatScorer scorer = new CatScorer(new CaptionAnalyzer(new FakeCaptionParser(0)), null, new TextMatcher());
        return new SampleProcessor(scorer, CatRule.DEFAULT.withTextMatch(false), imageCheck);
    }

    static SampleProcessor fakeProcessor(long sleepMillis, boolean withSpotter) {
        CatScorer scorer = new CatScorer(new CaptionAnalyzer(new FakeCaptionParser(sleepMillis)),
                withSpotter ? new FakeTextSpotter() : null, new TextMatcher());
        return new SampleProcessor(scorer, CatRule.DEFAULT.withTextMatch(withSpotter), ImageCheck.NONE);
    }

    /** Writes plain.png (white) and text.png (red corner: the fake spotter reads SALE). */
    static void writeImages(Path dir) throws IOException {
        Files.createDirectories(dir);
        writePng(dir.resolve("plain.png"), 0xFFFFFF);
        writePng(dir.resolve("text.png"), FakeTextSpotter.RED);
    }

    private static void writePng(Path file, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** The caption of synthetic row i: 1 to 5 words, every 7th mentions "sale". */
    static String caption(int i) {
        String[] words = {"dog", "chasing", "ball", "red", "big"};
        int n = 1 + i % 5;
        List<String> w = new ArrayList<>(List.of(words).subList(0, n));
        if (i % 7 == 0) {
            w.add("sale");
        }
        return String.join(" ", w);
    }

    /** A JSON-lines manifest of n rows over plain.png / text.png (every 3rd shows text). */
    static Path jsonlManifest(Path dir, int n) throws IOException {
        writeImages(dir);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String image = i % 3 == 0 ? "text.png" : "plain.png";
            sb.append("{\"id\":\"s").append(i).append("\",\"image\":\"").append(image)
                    .append("\",\"caption\":\"").append(caption(i)).append("\"}\n");
        }
        Path m = dir.resolve("manifest.jsonl");
        Files.writeString(m, sb);
        return m;
    }
}
