package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.train.config.TrainConfig;
import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchSource;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabel;
import io.dihit.train.distill.SoftLabelFile;
import io.dihit.train.distill.SoftLabelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {

    @TempDir
    Path dir;

    private static List<JsonNode> metrics(Path runDir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            out.add(new ObjectMapper().readTree(line));
        }
        return out;
    }

    @Test
    void resumeIsStepExact() throws IOException {
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        Map<String, float[]> expected = LoopFixtures.train(LoopFixtures.config(straight, 6, ""), LoopFixtures.data(), 6, 1, null);
        Map<String, float[]> half = LoopFixtures.train(LoopFixtures.config(resumed, 6, ""), LoopFixtures.data(), 3, 1, null);
        assertFalse(Arrays.equals(expected.get("visual.proj.weight"), half.get("visual.proj.weight")));
        // a different init seed: every value must come from the checkpoint, not from initialisation
        Map<String, float[]> actual = LoopFixtures.train(LoopFixtures.config(resumed, 6, ""), LoopFixtures.data(), 6, 99, null);
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), 0f, name);
        }
        List<JsonNode> lines = metrics(resumed);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), lines.stream().map(n -> n.get("step").asLong()).toList());
        assertEquals(metrics(straight).get(5).get("loss").asDouble(), lines.get(5).get("loss").asDouble(), 0.0);
        assertTrue(Files.exists(resumed.resolve("config.json")) && Files.exists(resumed.resolve("versions.json"))
                && Files.exists(resumed.resolve("versions-resumed.json")));
        assertEquals(5L, TrainConfig.read(resumed.resolve("config.json")).seed());
        CheckpointStore store = new CheckpointStore(resumed, 2);
        assertEquals(List.of("step-000000004", "step-000000006"),
                store.list().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void metricsScheduleAndLogitScaleClamp() throws IOException {
        Path run = dir.resolve("clamp");
        try (NDManager manager = NDManager.newBaseManager()) {
            // start above ln 100: the clamp must pull it back after the first update
            TinyDualEncoder encoder = TinyDualEncoder.create(manager, 1, 4.7);
            TrainConfig config = LoopFixtures.config(run, 4, "");
            try (TrainingLoop loop = new TrainingLoop(config, encoder, manager, List.of(Device.cpu()), null,
                    TrainingListener.defaults(config))) {
                loop.run(LoopFixtures.data());
            }
            assertTrue(encoder.logLogitScale().getArray().getFloat() <= (float) Math.log(100));
        }
        List<JsonNode> lines = metrics(run);
        assertEquals(4, lines.size());
        assertEquals(0.025, lines.get(0).get("lr").asDouble(), 1e-12); // warmup: 0.05 * 1/2
        assertEquals(0.05, lines.get(1).get("lr").asDouble(), 1e-12);
        assertEquals(0.05, lines.get(2).get("lr").asDouble(), 1e-12);  // cosine starts at the base rate
        assertEquals(0.025, lines.get(3).get("lr").asDouble(), 1e-12); // halfway through 2 decay steps
        for (JsonNode line : lines) {
            assertTrue(line.get("log_logit_scale").asDouble() <= Math.log(100) + 1e-12);
            assertTrue(line.get("grad_norm").asDouble() > 0);
            assertTrue(line.get("samples_per_s").asDouble() > 0);
            assertEquals(0, line.get("skipped_steps").asLong());
            assertTrue(!Files.isReadable(Path.of("/proc/self/status")) || line.get("rss_mib").asLong() > 0);
        }
        assertEquals(32, lines.get(3).get("samples_seen").asLong());
    }

    /** Batches whose pixels are NaN where {@code poisoned} says so. */
    private static BatchSource poisoned(java.util.function.LongPredicate poisoned) {
        SyntheticBatches base = new SyntheticBatches(9, LoopFixtures.BATCH, 4, 6, 20, 1_000);
        return BatchSource.indexed(index -> {
            Batch b = base.batch(index);
            if (poisoned.test(index)) {
                Arrays.fill(b.pixels(), Float.NaN);
            }
            return b;
        }, 1_000);
    }

    @Test
    void nonFiniteStepsAreSkippedCountedAndStopTheRunWhenConsecutive() throws IOException {
        Path run = dir.resolve("nan");
        String limit = ", \"max_consecutive_nonfinite\": 3";
        Map<String, float[]> result = LoopFixtures.train(LoopFixtures.config(run, 4, limit), poisoned(b -> b == 1 || b == 2),
                4, 1, null);
        for (float[] values : result.values()) {
            for (float v : values) {
                assertTrue(Float.isFinite(v), "parameters stay finite");
            }
        }
        List<JsonNode> lines = metrics(run);
        assertEquals(4, lines.size());
        assertEquals(2, lines.get(3).get("skipped_steps").asLong());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> LoopFixtures.train(
                LoopFixtures.config(dir.resolve("diverged"), 4, limit), poisoned(b -> b >= 1), 4, 1, null));
        assertTrue(e.getMessage().startsWith("3 consecutive steps had a non-finite loss"), e.getMessage());
    }

    @Test
    void distillationRunsThroughTheLoopAndIsCheckpointed() throws IOException {
        Path labels = dir.resolve("teacher.soft");
        SyntheticBatches data = new SyntheticBatches(9, LoopFixtures.BATCH, 4, 6, 20, 1_000);
        try (SoftLabelWriter writer = new SoftLabelWriter(labels, 6, 3, 1f)) {
            for (int b = 0; b < 3; b++) {
                for (String id : data.batch(b).ids()) {
                    int c = id.hashCode() & 3;
                    writer.add(id, new SoftLabel(new int[] {c, c + 1, c + 2}, new float[] {0.5f, 0.3f, 0.2f}));
                }
            }
            writer.commit();
        }
        Path run = dir.resolve("distill");
        String distill = ", \"distillation\": {\"soft_labels\": \"%s\", \"temperature\": 2, \"weight\": 0.5}"
                .formatted(labels.toString().replace("\\", "\\\\"));
        try (SoftLabelFile file = SoftLabelFile.open(labels)) {
            Map<String, float[]> params = LoopFixtures.train(LoopFixtures.config(run, 3, distill), data, 3, 1, file);
            assertEquals(6 * 8, params.get("concept_head.weight").length);
        }
        List<JsonNode> lines = metrics(run);
        for (JsonNode line : lines) {
            double expectedTotal = line.get("contrastive").asDouble() + 0.5 * line.get("distillation").asDouble();
            assertEquals(expectedTotal, line.get("loss").asDouble(), 1e-5);
            assertEquals(LoopFixtures.BATCH, line.get("distillation_rows").asInt());
        }
        // data beyond the labelled batches: the default policy (FAIL) names the sample
        try (SoftLabelFile file = SoftLabelFile.open(labels)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> LoopFixtures.train(
                    LoopFixtures.config(dir.resolve("missing"), 5, distill), data, 5, 1, file));
            assertTrue(e.getMessage().contains("no soft label for sample 'synthetic-24'"), e.getMessage());
        }
    }
}
