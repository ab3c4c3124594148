package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.data.ManifestRow;
import io.dihit.core.data.Manifests;
import io.dihit.core.data.ManifestReader;
import io.dihit.core.data.TarShardWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilterJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyRowIsKeptRejectedOrFailedWithScoresAndReasons() throws Exception {
        JobFixtures.writeImages(dir);
        Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4});
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("id,image,caption\n".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(("keep,plain.png,dog chasing ball\n"
                + "parrot,text.png,dog chasing ball sale\n"
                + "noaction,plain.png,red car\n"
                + "bare,plain.png,dog\n"
                + "missing,nowhere.png,dog chasing ball\n"
                + "broken,broken.png,dog chasing ball\n").getBytes(StandardCharsets.UTF_8));
        csv.writeBytes("badutf8,plain.png,caf".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        csv.writeBytes(("empty,plain.png,\"  \"\n"
                + "text-no-match,text.png,dog chasing ball big\n").getBytes(StandardCharsets.UTF_8));
        Path manifest = dir.resolve("in.csv");
        Files.write(manifest, csv.toByteArray());

        Path out = dir.resolve("out");
        // progress on: the counts must not depend on the stderr progress bar being drawn
        LocalFilterJob job = new LocalFilterJob(FilterJobConfig.of(List.of(manifest), out, 2).withProgress(true),
                JobFixtures.fakeProcessor(0, true));
        JobCounters c = job.run();

        assertEquals(9, c.read);
        assertEquals(2, c.kept);
        assertEquals(3, c.rejected);
        assertEquals(4, c.failed);
        assertEquals(Map.of("text_match", 1L, "actions", 1L, "complexity+actions", 1L), c.rejectedByReason);
        assertEquals(Map.of("text_match", 1L, "actions", 2L, "complexity", 1L), c.rejectedByPart);
        assertEquals(Map.of("missing_file", 1L, "unreadable_image", 1L, "bad_utf8", 1L, "empty_caption", 1L), c.failedByReason);
        // complexity of the 5 scored rows: 1, 2, 1, 0, 2
        assertEquals(Map.of(0, 1L, 1, 2L, 2, 2L), c.complexityHistogram);
        assertEquals(Map.of(0, 2L, 1, 3L), c.actionsHistogram);

        List<ManifestRow> kept = readRows(job.keptFile());
        assertEquals(List.of("keep", "text-no-match"), kept.stream().map(r -> r.record().id()).toList());
        assertEquals("1", kept.get(0).extra().get("complexity"));
        assertEquals("SALE", kept.get(1).extra().get("ocr_text"));
        assertEquals("", kept.get(1).extra().get("matched_words"));
        List<ManifestRow> rejected = readRows(job.rejectedFile());
        assertEquals(List.of("parrot", "noaction", "bare"), rejected.stream().map(r -> r.record().id()).toList());
        assertEquals("text_match", rejected.get(0).extra().get("reason"));
        assertEquals("sale", rejected.get(0).extra().get("matched_words"));
        assertEquals("complexity+actions", rejected.get(2).extra().get("reason"));

        List<JsonNode> failed = readJsonLines(job.failedFile());
        assertEquals(List.of("missing", "broken", "badutf8", "empty"), failed.stream().map(f -> f.get("id").asText()).toList());
        assertEquals(List.of("missing_file", "unreadable_image", "bad_utf8", "empty_caption"),
                failed.stream().map(f -> f.get("reason").asText()).toList());
        failed.forEach(f -> assertFalse(f.get("error").asText().isBlank()));
        assertEquals(8, failed.get(2).get("position").asLong());

        JsonNode summary = JSON.readTree(job.summaryFile().toFile());
        assertEquals(9, summary.at("/counts/read").asLong());
        assertEquals(1, summary.at("/counts/rejectedByReason/text_match").asLong());
        assertEquals("complexity>=1 & actions>=1 & !text_match", summary.get("rule").asText());
        assertEquals("fake", summary.get("textSpotter").asText());
    }

    @Test
    void withoutSpotterTheTextPartCannotBeOn() {
        assertThrows(IllegalArgumentException.class, () -> new SampleProcessor(
                JobFixtures.fakeProcessor(0, false).scorer(), io.dihit.filter.CatRule.DEFAULT, ImageCheck.NONE));
    }

    @Test
    void killedRunResumesWithoutDuplicatesOrLosses() throws Exception {
        int rows = 1500;
        Path manifest = JobFixtures.jsonlManifest(dir, rows);
        Path reference = dir.resolve("reference");
        new LocalFilterJob(FilterJobConfig.of(List.of(manifest), reference, 2), JobFixtures.fakeProcessor(0, true)).run();

        Path out = dir.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilterJobChild.class.getName(),
                manifest.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path checkpoint = out.resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long done = 0;
        while (done < 50 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(50);
            if (Files.exists(checkpoint)) {
                done = JSON.readTree(checkpoint.toFile()).at("/counters/read").asLong();
            }
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed; log: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        long readAtKill = JSON.readTree(checkpoint.toFile()).at("/counters/read").asLong();
        assertTrue(readAtKill >= 50 && readAtKill < rows, "killed at " + readAtKill);

        JobCounters c = new LocalFilterJob(FilterJobConfig.of(List.of(manifest), out, 2), JobFixtures.fakeProcessor(0, true)).run();
        assertEquals(rows, c.read);
        assertTrue(c.balanced());
        for (String name : List.of("kept.jsonl", "rejected.jsonl", "failed.jsonl")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
        Set<String> ids = new HashSet<>();
        for (String name : List.of("kept.jsonl", "rejected.jsonl")) {
            for (ManifestRow r : readRows(out.resolve(name))) {
                assertTrue(ids.add(r.record().id()), "duplicate " + r.record().id());
            }
        }
        assertEquals(rows, ids.size());
        // A finished job run again does nothing.
        JobCounters again = new LocalFilterJob(FilterJobConfig.of(List.of(manifest), out, 2), JobFixtures.fakeProcessor(0, true)).run();
        assertEquals(rows, again.read);
        assertEquals(rows, readRows(out.resolve("kept.jsonl")).size() + readRows(out.resolve("rejected.jsonl")).size());
    }

    @Test
    void aCheckpointOfAnotherJobIsRefused() throws Exception {
        Path manifest = JobFixtures.jsonlManifest(dir, 10);
        Path out = dir.resolve("out");
        new LocalFilterJob(FilterJobConfig.of(List.of(manifest), out, 1), JobFixtures.fakeProcessor(0, true)).run();
        io.dihit.core.util.UserError e = assertThrows(io.dihit.core.util.UserError.class, () ->
                new LocalFilterJob(FilterJobConfig.of(List.of(manifest), out, 1), JobFixtures.fakeProcessor(0, false)).run());
        assertTrue(e.getMessage().contains("different job"), e.getMessage());
    }

    @Test
    void decisionsFollowTheFakeParserDefinition() throws Exception {
        int rows = 200;
        Path manifest = JobFixtures.jsonlManifest(dir, rows);
        Path out = dir.resolve("out");
        LocalFilterJob job = new LocalFilterJob(FilterJobConfig.of(List.of(manifest), out, 3).withOutputFormat("csv"),
                JobFixtures.fakeProcessor(0, true));
        job.run();
        List<ManifestRow> all = new ArrayList<>(readRows(job.keptFile()));
        all.addAll(readRows(job.rejectedFile()));
        assertEquals(rows, all.size());
        for (ManifestRow r : all) {
            int i = Integer.parseInt(r.record().id().substring(1));
            String caption = JobFixtures.caption(i);
            assertEquals(caption, r.record().caption());
            assertEquals(String.valueOf(FakeCaptionParser.complexity(caption)), r.extra().get("complexity"));
            assertEquals(String.valueOf(FakeCaptionParser.actions(caption)), r.extra().get("actions"));
            boolean textMatch = i % 3 == 0 && i % 7 == 0;
            assertEquals(textMatch ? "sale" : "", r.extra().get("matched_words"), r.record().id());
        }
    }

    @Test
    void tarShardsAreFilteredWithTheirImages() throws Exception {
        JobFixtures.writeImages(dir);
        byte[] plain = Files.readAllBytes(dir.resolve("plain.png"));
        byte[] text = Files.readAllBytes(dir.resolve("text.png"));
        Path shard = dir.resolve("shard-000.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            w.add("k0", "png", plain, "dog chasing ball");
            w.add("k1", "png", text, "dog chasing ball sale");
            w.member("k2.txt", "caption without image".getBytes(StandardCharsets.UTF_8));
            w.add("k3", "png", new byte[] {9, 9, 9}, "dog chasing ball");
            w.add("k4", "png", plain, "red car");
        }
        Path out = dir.resolve("out");
        LocalFilterJob job = new LocalFilterJob(FilterJobConfig.of(List.of(shard), out, 2), JobFixtures.fakeProcessor(0, true));
        JobCounters c = job.run();
        assertEquals(5, c.read);
        assertEquals(1, c.kept);
        assertEquals(2, c.rejected);
        assertEquals(Map.of("missing_image", 1L, "unreadable_image", 1L), c.failedByReason);
        assertEquals(Map.of("text_match", 1L, "actions", 1L), c.rejectedByReason);
        List<ManifestRow> kept = readRows(job.keptFile());
        assertEquals("k0", kept.get(0).record().id());
        assertTrue(kept.get(0).record().image().endsWith("shard-000.tar#k0.png"), kept.get(0).record().image());
        assertEquals(List.of("k2", "k3"), readJsonLines(job.failedFile()).stream().map(f -> f.get("id").asText()).toList());
    }

    private static List<ManifestRow> readRows(Path manifest) throws IOException {
        try (ManifestReader r = Manifests.read(manifest)) {
            return r.rows().toList();
        }
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
