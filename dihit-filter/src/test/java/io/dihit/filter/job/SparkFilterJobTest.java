package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dihit.filter.CatRule;
import io.dihit.filter.spotting.TextMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job (local[2], in-process) writes the same kept, rejected and failed files, counts and
 * summary as the local job: on the fault-injection inputs (fake parser) and with the real ClearNLP
 * parser and an OCR engine.
 */
class SparkFilterJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CAPTIONS = List.of("a man riding a bike", "dog", "a red car",
            "children playing soccer in the street", "the bike is ridden by a man", "sale sign",
            "a woman holding a sale sign", "two cats sleeping on a sofa", "of the and a",
            "a man who rides a bike", "Stainless Steel Water Bottle", "kids jumping into a swimming pool");

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("cat-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() throws Exception {
        spark.close();
    }

    /** All fault-injection inputs of the local job's FaultInjectionTest in one job: one task per file. */
    private List<Path> faultInputs() throws IOException {
        JobFixtures.writeImages(dir);
        List<Path> inputs = new ArrayList<>(List.of(JobFixtures.inchMarksAndEmptyCaptions(dir), JobFixtures.quotesAtLineStart(dir),
                JobFixtures.shardWithCorruptHeaderAt20(dir, Files.readAllBytes(dir.resolve("plain.png")))));
        inputs.addAll(JobFixtures.extraColumns(dir));
        inputs.addAll(JobFixtures.duplicateIds(dir));
        return inputs;
    }

    @Test
    void faultInjectionInputsGiveTheLocalJobsFilesAndCounts() throws Exception {
        JobCounters c = runBoth("first", faultInputs(), new FakeProcessorFactory(ImageCheck.HEADER), cfg -> cfg.withOutputFormat("csv"));
        assertEquals(2500 + 40 + 100 + 3 + 5, c.read);
        assertEquals(1200L, c.failedByReason.get("empty_caption"));
        assertEquals(1L, c.failedByReason.get("malformed_row"));
        assertEquals(1L, c.failedByReason.get("corrupt_shard"));
        assertEquals(1, c.tarMembersLost);
        assertEquals(c.duplicateIds, c.failedByReason.get("duplicate_id"));

        List<JsonNode> failed = failedRows(dir.resolve("spark-first"));
        assertEquals(c.failed, failed.size(), "every failed row is listed");
        List<String> emptyCaptionIds = idsOf(failed, "empty_caption");
        assertEquals(1200, new HashSet<>(emptyCaptionIds).size());
        assertFalse(emptyCaptionIds.contains(""));
        assertEquals(List.of("r25"), idsOf(failed, "malformed_row"));
        JsonNode corrupt = failed.stream().filter(f -> f.get("reason").asText().equals("corrupt_shard")).findFirst().orElseThrow();
        assertEquals("s020", corrupt.get("id").asText());
        assertEquals(20, corrupt.get("position").asLong());
        assertTrue(idsOf(failed, "duplicate_id").containsAll(List.of("x", "y")), failed::toString);

        List<String> kept = Files.readAllLines(dir.resolve("spark-first/kept.csv"));
        assertEquals("id,image,caption,url,hash,input_reason,licence,width,complexity,actions,text_spotted,ocr_text,matched_words",
                kept.get(0));
        assertTrue(kept.stream().anyMatch(l -> l.contains("a 12\"\" pizza sliced")), "the inch-mark caption is kept whole");
        assertTrue(kept.stream().anyMatch(l -> l.startsWith("a1,") && l.contains("http://x/1") && l.contains("r-in")));
    }

    @Test
    void keepAllScoresDuplicatesAndCountsThemLikeTheLocalJob() throws Exception {
        JobCounters c = runBoth("all", faultInputs(), new FakeProcessorFactory(ImageCheck.HEADER),
                cfg -> cfg.withDuplicateIds(DuplicateIds.KEEP_ALL));
        assertFalse(c.failedByReason.containsKey("duplicate_id"));
        assertTrue(c.duplicateIds >= 2, () -> "duplicates " + c.duplicateIds);
        JsonNode b1 = Files.readAllLines(dir.resolve("spark-all/kept.jsonl")).stream().map(SparkFilterJobTest::json)
                .filter(r -> r.get("id").asText().equals("b1")).findFirst().orElseThrow();
        assertTrue(b1.get("width").isInt(), b1.toString()); // a JSON number passes through as a number
    }

    @Test
    void sparkAndLocalJobsGiveTheSameDecisionsWithTheRealParserAndOcr() throws Exception {
        JobFixtures.writeImages(dir);
        StringBuilder sb = new StringBuilder();
        int n = 36;
        for (int i = 0; i < n; i++) {
            String image = i % 3 == 2 ? "text.png" : "plain.png";
            sb.append(JSON.writeValueAsString(Map.of("id", "r" + i, "image", image, "caption", CAPTIONS.get(i % CAPTIONS.size()))))
                    .append('\n');
        }
        sb.append("{\"id\":\"gone\",\"image\":\"missing.png\",\"caption\":\"a man riding a bike\"}\n");
        Path first = JobFixtures.write(dir, "in1.jsonl", sb.substring(0, sb.indexOf("\n", sb.length() / 2) + 1));
        Path second = JobFixtures.write(dir, "in2.jsonl", sb.substring(sb.indexOf("\n", sb.length() / 2) + 1));
        ClearNlpProcessorFactory factory = new ClearNlpProcessorFactory(CatRule.DEFAULT, TextMatcher.Config.DEFAULT, 256,
                RedCornerSpotter.class.getName(), Map.of(), ImageCheck.DECODE);
        JobCounters c = runBoth("real", List.of(first, second), factory, UnaryOperator.identity());
        assertEquals(n + 1, c.read);
        assertEquals(Map.of("missing_file", 1L), c.failedByReason);
        assertTrue(c.rejectedByPart.getOrDefault("text_match", 0L) > 0, c.rejectedByPart::toString);
        assertTrue(c.kept > 0 && c.rejected > 0, () -> c.kept + " kept, " + c.rejected + " rejected");
    }

    /**
     * Runs the local and the Spark job on the same inputs, asserts that kept, rejected and failed files are
     * identical and that the summaries differ only in timings and execution fields, and returns the Spark counts.
     */
    private JobCounters runBoth(String name, List<Path> inputs, ProcessorFactory factory, UnaryOperator<FilterJobConfig> configure)
            throws Exception {
        FilterJobConfig localConfig = configure.apply(FilterJobConfig.of(inputs, dir.resolve("local-" + name), 2));
        FilterJobConfig sparkConfig = configure.apply(FilterJobConfig.of(inputs, dir.resolve("spark-" + name), 1));
        LocalFilterJob local = new LocalFilterJob(localConfig, factory.create());
        JobCounters localCounts = local.run();
        JobCounters sparkCounts = new SparkFilterJob(spark, factory).run(sparkConfig);
        String format = localConfig.outputFormat();
        for (String file : List.of("kept." + format, "rejected." + format, "failed.jsonl")) {
            assertEquals(Files.readString(localConfig.outputDir().resolve(file)), Files.readString(sparkConfig.outputDir().resolve(file)), file);
        }
        assertEquals(JSON.writeValueAsString(localCounts), JSON.writeValueAsString(sparkCounts));
        JsonNode sparkSummary = comparable(sparkConfig.outputDir().resolve("summary.json"));
        assertEquals(comparable(local.summaryFile()), sparkSummary);
        assertEquals(JSON.readTree(JSON.writeValueAsString(sparkCounts)), sparkSummary.get("counts"));
        return sparkCounts;
    }

    /** A summary without what differs between two runs of the same job: timings and how it ran. */
    private static JsonNode comparable(Path summary) throws IOException {
        ObjectNode s = (ObjectNode) JSON.readTree(summary.toFile());
        s.remove(List.of("finished", "speed", "threads", "sparkMaster", "sparkTasks"));
        ((ObjectNode) s.get("provenance")).remove("created");
        return s;
    }

    private static List<JsonNode> failedRows(Path out) throws IOException {
        return Files.readAllLines(out.resolve("failed.jsonl")).stream().map(SparkFilterJobTest::json).toList();
    }

    private static List<String> idsOf(List<JsonNode> failed, String reason) {
        return failed.stream().filter(f -> f.get("reason").asText().equals(reason)).map(f -> f.get("id").asText()).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
