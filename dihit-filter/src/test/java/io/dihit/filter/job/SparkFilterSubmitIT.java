package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.testing.SparkSubmitLauncher;
import io.dihit.filter.CatRule;
import io.dihit.filter.spotting.TextMatcher;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit-ready dihit-filter jar, launched as docs/filter.md's spark-submit command (PaddleOCR on
 * ONNX Runtime from inside the jar), keeps, rejects and fails the same ids as the local job, in the
 * same files, with the same counts in summary.json.
 */
class SparkFilterSubmitIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void submittedJarDecidesLikeTheLocalJob() throws Exception {
        SparkSubmitLauncher.assumeSubmitExecution();
        Path models = Path.of(System.getProperty("dihit.project.dir"), "data", "npm", "node_modules", "@gutenye", "ocr-models");
        assertTrue(Files.isDirectory(models), "missing " + models + ": run bash .ci/setup.d/20-ocr.sh");
        ImageIO.write(picture(null), "png", dir.resolve("plain.png").toFile());
        ImageIO.write(picture("SALE"), "png", dir.resolve("sign.png").toFile());
        List<String[]> rows = List.of(new String[] {"r0", "plain.png", "a man riding a bike"},
                new String[] {"r1", "plain.png", "dog"},
                new String[] {"r2", "sign.png", "a woman holding a sale sign"},
                new String[] {"r3", "plain.png", "children playing soccer in the street"},
                new String[] {"r4", "sign.png", "a man walking past a shop"},
                new String[] {"r5", "missing.png", "a man riding a bike"});
        StringBuilder manifest = new StringBuilder();
        for (String[] r : rows) {
            manifest.append(JSON.writeValueAsString(Map.of("id", r[0], "image", r[1], "caption", r[2]))).append('\n');
        }
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, manifest);

        ClearNlpProcessorFactory factory = new ClearNlpProcessorFactory(CatRule.DEFAULT, TextMatcher.Config.DEFAULT, 256,
                "paddle", Map.of("models", models.toString()), ImageCheck.DECODE);
        LocalFilterJob local = new LocalFilterJob(FilterJobConfig.of(List.of(input), dir.resolve("local"), 1), factory.create());
        local.run();
        Map<String, Set<String>> expected = new TreeMap<>(Map.of("kept", ids(local.keptFile()),
                "rejected", ids(local.rejectedFile()), "failed", ids(local.failedFile())));

        Path out = dir.resolve("spark");
        String log = SparkSubmitLauncher.submit("5g", SparkFilterMain.class.getName(), dir.resolve("submit.log"),
                "--input", input.toString(), "--output", out.toString(), "--ocr", "paddle",
                "--ocr-option", "models=" + models, "--verify-images");
        Map<String, Set<String>> actual = new TreeMap<>(Map.of("kept", ids(out.resolve("kept.jsonl")),
                "rejected", ids(out.resolve("rejected.jsonl")), "failed", ids(out.resolve("failed.jsonl"))));
        assertEquals(Set.of("r5"), expected.get("failed"));
        assertTrue(expected.get("rejected").contains("r2"), expected::toString); // the sign's text matches its caption
        assertEquals(expected, actual, log);
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(JSON.readTree(local.summaryFile().toFile()).get("counts"), summary.get("counts"));
    }

    private static Set<String> ids(Path jsonl) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (!line.isBlank()) {
                JsonNode row = JSON.readTree(line);
                ids.add(row.get("id").asText());
            }
        }
        return ids;
    }

    private static BufferedImage picture(String text) {
        BufferedImage img = new BufferedImage(320, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 160);
        if (text != null) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
            g.drawString(text, 40, 110);
        }
        g.dispose();
        return img;
    }
}
