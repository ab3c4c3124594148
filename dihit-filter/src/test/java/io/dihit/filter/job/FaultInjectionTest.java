package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.data.ManifestReader;
import io.dihit.core.data.ManifestRow;
import io.dihit.core.data.Manifests;
import io.dihit.core.data.TarShardWriter;
import io.dihit.core.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection for the filter job as web-scale inputs break it: every physical record is read and
 * ends kept, rejected or listed in failed.jsonl (by id, reason and a position naming one record).
 */
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private byte[] png;

    @BeforeEach
    void images() throws IOException {
        JobFixtures.writeImages(dir);
        png = Files.readAllBytes(dir.resolve("plain.png"));
    }

    private record Run(JobCounters counts, List<JsonNode> failed, List<ManifestRow> kept, List<ManifestRow> rejected,
                       JsonNode summary) {
        Set<Long> failedPositions() {
            Set<Long> s = new HashSet<>();
            failed.forEach(f -> s.add(f.get("position").asLong()));
            return s;
        }

        List<String> failedIds(String reason) {
            return failed.stream().filter(f -> f.get("reason").asText().equals(reason)).map(f -> f.get("id").asText()).toList();
        }
    }

    private Run run(FilterJobConfig config, SampleProcessor processor) throws Exception {
        LocalFilterJob job = new LocalFilterJob(config, processor);
        JobCounters c = job.run();
        assertTrue(c.balanced());
        List<JsonNode> failed = new ArrayList<>();
        for (String line : Files.readAllLines(job.failedFile())) {
            failed.add(JSON.readTree(line));
        }
        assertEquals(c.failed, failed.size(), "every failed row is listed");
        Run r = new Run(c, failed, rows(job.keptFile()), rows(job.rejectedFile()), JSON.readTree(job.summaryFile().toFile()));
        assertEquals(c.kept, r.kept().size());
        assertEquals(c.rejected, r.rejected().size());
        return r;
    }

    private Run run(List<Path> inputs, String format) throws Exception {
        return run(FilterJobConfig.of(inputs, dir.resolve("out-" + inputs.get(0).getFileName()), 2).withOutputFormat(format),
                JobFixtures.fakeProcessor(ImageCheck.HEADER));
    }

    private static List<ManifestRow> rows(Path manifest) throws IOException {
        try (ManifestReader r = Manifests.read(manifest)) {
            return r.rows().toList();
        }
    }

    private Path write(String name, String content) throws IOException {
        return JobFixtures.write(dir, name, content);
    }

    @Test
    void emptyCaptionsBeyondAThousandAndInchMarksAreAllAccountedFor() throws Exception {
        Run r = run(List.of(JobFixtures.inchMarksAndEmptyCaptions(dir)), "jsonl");
        assertEquals(2500, r.counts().read);
        assertEquals(1200, r.counts().failed);
        assertEquals(Map.of("empty_caption", 1200L), r.counts().failedByReason);
        assertEquals(1200, new HashSet<>(r.failedIds("empty_caption")).size());
        assertFalse(r.failedIds("empty_caption").contains(""));
        assertEquals(1200, r.failedPositions().size());
        assertEquals(1300, r.kept().size() + r.rejected().size());
        assertTrue(r.kept().stream().anyMatch(x -> x.record().caption().equals("a 12\" pizza sliced")));
    }

    @Test
    void quoteAtLineStartAfterAnInchMarkRowAndAnUnclosedQuoteMidFile() throws Exception {
        Run r = run(List.of(JobFixtures.quotesAtLineStart(dir)), "csv");
        assertEquals(40, r.counts().read);
        assertEquals(1, r.counts().failed);
        assertEquals(List.of("r25"), r.failedIds("malformed_row"));
        assertEquals(26, r.failed().get(0).get("position").asLong()); // line 26 (the header is line 1)
        List<String> ids = new ArrayList<>();
        r.kept().forEach(x -> ids.add(x.record().id()));
        r.rejected().forEach(x -> ids.add(x.record().id()));
        assertTrue(ids.containsAll(List.of("r10", "r11", "r24", "r26", "r40")), ids.toString());
        assertEquals(39, ids.size());
    }

    @Test
    void moreThanAThousandShardSamplesWithoutCaptionsAreEachListed() throws Exception {
        Path shard = dir.resolve("nocap.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 0; i < 1250; i++) {
                if (i % 5 == 0) {
                    w.add("k" + i, "png", png, "dog chasing ball");
                } else {
                    w.member("k" + i + ".png", png);
                }
            }
        }
        Run r = run(List.of(shard), "jsonl");
        assertEquals(1250, r.counts().read);
        assertEquals(Map.of("missing_caption", 1000L), r.counts().failedByReason);
        assertEquals(1000, new HashSet<>(r.failedIds("missing_caption")).size());
        assertEquals(1000, r.failedPositions().size());
        assertEquals(250, r.counts().kept);
    }

    @Test
    void corruptHeaderOfSample20Of100CostsAtMostThatSample() throws Exception {
        Run r = run(List.of(JobFixtures.shardWithCorruptHeaderAt20(dir, png)), "jsonl");
        assertEquals(100, r.counts().read);
        assertEquals(99, r.counts().kept);
        assertEquals(Map.of("corrupt_shard", 1L), r.counts().failedByReason);
        assertEquals("s020", r.failed().get(0).get("id").asText());
        assertEquals(20, r.failed().get(0).get("position").asLong());
        assertEquals(1, r.counts().tarMembersLost);
        assertEquals(1, r.summary().at("/counts/tarMembersLost").asLong());
    }

    @Test
    void extraColumnsPassThroughAsUnionOfInputs() throws Exception {
        List<Path> inputs = JobFixtures.extraColumns(dir);
        for (String format : List.of("csv", "jsonl")) {
            Run r = run(FilterJobConfig.of(inputs, dir.resolve("out-" + format), 1).withOutputFormat(format),
                    JobFixtures.fakeProcessor(ImageCheck.HEADER));
            assertEquals(3, r.counts().read);
            ManifestRow a1 = r.kept().get(0);
            assertEquals("a1", a1.record().id());
            assertEquals("http://x/1", a1.extra().get("url"));
            assertEquals("h1", a1.extra().get("hash"));
            assertEquals("r-in", a1.extra().get("input_reason")); // named like a score column: renamed
            assertEquals("1", a1.extra().get("complexity"));
            ManifestRow b1 = r.kept().get(1);
            assertEquals("cc-by", b1.extra().get("licence"));
            assertEquals("640", b1.extra().get("width"));
            assertEquals("h2", r.rejected().get(0).extra().get("hash"));
            assertEquals("actions", r.rejected().get(0).extra().get("reason"));
            if (format.equals("csv")) {
                String header = Files.readAllLines(dir.resolve("out-csv/kept.csv")).get(0);
                assertEquals("id,image,caption,url,hash,input_reason,licence,width,complexity,actions,text_spotted,ocr_text,matched_words", header);
                assertEquals("", a1.extra().get("licence")); // absent in its input: empty
            } else {
                assertFalse(a1.extra().containsKey("licence"));
                JsonNode b1Json = JSON.readTree(Files.readAllLines(dir.resolve("out-jsonl/kept.jsonl")).get(1));
                assertTrue(b1Json.get("width").isInt(), b1Json.toString()); // a JSON number stays a number
                assertEquals("cc-by", b1Json.get("licence").asText());
            }
        }
    }

    @Test
    void duplicateIdsUnderBothPolicies() throws Exception {
        List<Path> inputs = JobFixtures.duplicateIds(dir);
        Run first = run(FilterJobConfig.of(inputs, dir.resolve("first"), 2), JobFixtures.fakeProcessor(ImageCheck.HEADER));
        assertEquals(5, first.counts().read);
        assertEquals(2, first.counts().duplicateIds);
        assertEquals(Map.of("duplicate_id", 2L), first.counts().failedByReason);
        assertEquals(List.of("x", "y"), first.failedIds("duplicate_id"));
        assertEquals(List.of(4L, 1L), first.failed().stream().map(f -> f.get("position").asLong()).toList());
        assertEquals(List.of("x", "y", "z"), first.kept().stream().map(k -> k.record().id()).toList());

        Run all = run(FilterJobConfig.of(inputs, dir.resolve("all"), 2).withDuplicateIds(DuplicateIds.KEEP_ALL),
                JobFixtures.fakeProcessor(ImageCheck.HEADER));
        assertEquals(2, all.counts().duplicateIds);
        assertEquals(0, all.counts().failed);
        assertEquals(5, all.counts().kept);
        assertEquals("keep-all", all.summary().get("duplicateIds").asText());
    }

    @Test
    void emptyTruncatedAndNonImageFilesFailByDefault() throws Exception {
        Files.write(dir.resolve("zero.png"), new byte[0]);
        Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length - 20));
        Files.writeString(dir.resolve("text.jpg"), "<html>not found</html>");
        Path m = write("imgs.csv", "id,image,caption\nok,plain.png,dog chasing ball\nzero,zero.png,dog chasing ball\n"
                + "cut,cut.png,dog chasing ball\nhtml,text.jpg,dog chasing ball\nnone,missing.png,dog chasing ball\n");
        Run r = run(List.of(m), "jsonl");
        assertEquals(Map.of("unreadable_image", 3L, "missing_file", 1L), r.counts().failedByReason);
        assertEquals(List.of("zero", "cut", "html"), r.failedIds("unreadable_image"));
        assertEquals("header", r.summary().get("imageCheck").asText());
        assertTrue(r.summary().get("imagesOpened").asBoolean());

        Run unchecked = run(FilterJobConfig.of(List.of(m), dir.resolve("unchecked"), 1), JobFixtures.fakeProcessor(ImageCheck.NONE));
        assertEquals(Map.of("missing_file", 1L), unchecked.counts().failedByReason);
        assertFalse(unchecked.summary().get("imagesOpened").asBoolean());
        assertTrue(unchecked.summary().at("/provenance/data_fingerprint").asText().length() > 0, unchecked.summary().toString());
    }

    @Test
    void badUtf8RowIsListedWithItsAsciiId() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("id,image,caption\nok,plain.png,dog chasing ball\nascii-id,plain.png,caf".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        Path m = dir.resolve("utf.csv");
        Files.write(m, b.toByteArray());
        Run r = run(List.of(m), "jsonl");
        assertEquals(2, r.counts().read);
        assertEquals(List.of("ascii-id"), r.failedIds("bad_utf8"));
        assertEquals(3, r.failed().get(0).get("position").asLong());
    }

    @Test
    void theProgressTotalIsTheNumberOfRecordsRead() throws Exception {
        Path m = write("p.csv", "id,image,caption\na,plain.png,\"two\nlines\"\nb,plain.png,x\n\nc,plain.png,\n");
        Path shard = dir.resolve("p.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            w.add("s1", "png", png, "dog");
            w.member("s2.png", png);
        }
        Run r = run(List.of(m, shard), "jsonl");
        assertEquals(5, r.counts().read);
        assertEquals(5, InputScan.of(List.of(m, shard), true).records());
    }

    @Test
    void userErrorsComeBeforeAnyWork() throws Exception {
        Path m = write("ok.csv", "id,image,caption\na,plain.png,dog\n");
        UserError missing = assertThrows(UserError.class, () -> LocalFilterJob.checkCanRun(
                FilterJobConfig.of(List.of(dir.resolve("nope.csv")), dir.resolve("o1"), 1), io.dihit.filter.CatRule.DEFAULT));
        assertTrue(missing.getMessage().contains("nope.csv does not exist"), missing.getMessage());
        Path file = write("notafolder", "x");
        UserError notFolder = assertThrows(UserError.class, () -> LocalFilterJob.checkCanRun(
                FilterJobConfig.of(List.of(m), file, 1), io.dihit.filter.CatRule.DEFAULT));
        assertTrue(notFolder.getMessage().contains("is a file, not a folder"), notFolder.getMessage());
        Path noCaption = write("nocap.csv", "id,image,text\na,plain.png,dog\n");
        UserError header = assertThrows(UserError.class, () -> LocalFilterJob.checkCanRun(
                FilterJobConfig.of(List.of(noCaption), dir.resolve("o2"), 1), io.dihit.filter.CatRule.DEFAULT));
        assertTrue(header.getMessage().contains("lacks column(s) [caption]"), header.getMessage());
    }
}
