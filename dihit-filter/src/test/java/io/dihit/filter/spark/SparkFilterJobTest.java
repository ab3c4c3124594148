package io.dihit.filter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.filter.CatRule;
import io.dihit.filter.job.FilterJobConfig;
import io.dihit.filter.job.LocalFilterJob;
import io.dihit.filter.spotting.TextMatcher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job (local[2], real ClearNLP parser, a fake OCR engine) decides exactly like the local job. */
class SparkFilterJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CAPTIONS = List.of("a man riding a bike", "dog", "a red car",
            "children playing soccer in the street", "the bike is ridden by a man", "sale sign",
            "a woman holding a sale sign", "two cats sleeping on a sofa", "of the and a",
            "a man who rides a bike", "Stainless Steel Water Bottle", "kids jumping into a swimming pool");

    @TempDir
    Path dir;

    @Test
    void sparkAndLocalJobsGiveTheSameDecisions() throws Exception {
        writePng(dir.resolve("plain.png"), 0xFFFFFF);
        writePng(dir.resolve("text.png"), 0xFF0000);
        StringBuilder sb = new StringBuilder();
        int n = 36;
        for (int i = 0; i < n; i++) {
            String image = i % 3 == 2 ? "text.png" : "plain.png";
            sb.append(JSON.writeValueAsString(Map.of("id", "r" + i, "image", image, "caption", CAPTIONS.get(i % CAPTIONS.size()))))
                    .append('\n');
        }
        sb.append("{\"id\":\"gone\",\"image\":\"missing.png\",\"caption\":\"a man riding a bike\"}\n");
        Path manifest = dir.resolve("in.jsonl");
        Files.writeString(manifest, sb);

        ClearNlpProcessorFactory factory = new ClearNlpProcessorFactory(CatRule.DEFAULT, TextMatcher.Config.DEFAULT, 256,
                RedCornerSpotter.class.getName(), Map.of(), io.dihit.filter.job.ImageCheck.DECODE);
        LocalFilterJob local = new LocalFilterJob(FilterJobConfig.of(List.of(manifest), dir.resolve("local"), 2), factory.create());
        local.run();
        Map<String, String> expected = new HashMap<>();
        for (Path f : List.of(local.keptFile(), local.rejectedFile())) {
            for (String line : Files.readAllLines(f)) {
                JsonNode r = JSON.readTree(line);
                expected.put(r.get("id").asText(), decision(r.path("reason").asText("kept"), r.get("complexity").asInt(),
                        r.get("actions").asInt(), r.get("matched_words").asText()));
            }
        }
        for (String line : Files.readAllLines(local.failedFile())) {
            JsonNode r = JSON.readTree(line);
            expected.put(r.get("id").asText(), "failed " + r.get("reason").asText());
        }
        assertEquals(n + 1, expected.size());
        assertTrue(expected.values().stream().anyMatch(v -> v.contains("text_match")), expected::toString);

        try (SparkSession spark = SparkSession.builder().master("local[2]").appName("cat-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate()) {
            SparkFilterJob job = new SparkFilterJob(spark, factory);
            String out = dir.resolve("spark").toUri().toString();
            job.run(List.of(manifest.toUri().toString()), out, 2);
            Map<String, String> actual = new HashMap<>();
            for (Row r : spark.read().schema(SparkFilterJob.OUTPUT_SCHEMA).json(out).collectAsList()) {
                String status = r.getAs("status");
                String id = r.getAs("id");
                actual.put(id, status.equals("failed") ? "failed " + r.getAs("reason")
                        : decision(status.equals("kept") ? "kept" : r.getAs("reason"), r.<Integer>getAs("complexity"),
                                r.<Integer>getAs("actions"), r.getAs("matched_words")));
            }
            assertEquals(expected, actual);

            Map<String, Object> summary = job.summarize(out);
            assertEquals((long) n + 1, summary.get("read"));
            assertEquals(Map.of("missing_file", 1L), summary.get("failedByReason"));
            long kept = expected.values().stream().filter(v -> v.startsWith("kept")).count();
            assertEquals(kept, summary.get("kept"));
        }
    }

    private static String decision(String reason, int complexity, int actions, String matched) {
        return reason + " C=" + complexity + " A=" + actions + " T=" + matched;
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
}
