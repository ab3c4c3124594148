package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DiHT recipe as a user runs it on the emoji tar shards: {@code dihit filter} -> {@code dihit distill} ->
 * {@code dihit train} -> {@code dihit eval}, each a child JVM running {@code io.dihit.examples.Dihit} (what {@code bin/dihit} runs),
 * each stage's outputs accounting for every row it read.
 */
class CommandLineRecipeTest {
    /** How many of the 180 training captions CAT keeps (the same through dihit filter and CatFilter). */
    static final long KEPT_BY_CAT = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void filterDistillTrainEvalOnTarShardsEndsInAReport() throws Exception {
        EmojiData data = EmojiData.get();

        // 1. CAT filter: every shard sample is kept, rejected or failed, and listed in its file
        Path cat = dir.resolve("cat");
        List<String> filter = new ArrayList<>(List.of("filter", "--output", cat.toString(), "--threads", "2", "--no-progress"));
        data.shards.forEach(s -> filter.addAll(List.of("--input", s.toString())));
        dihit(filter);
        JsonNode counts = JSON.readTree(cat.resolve("summary.json").toFile()).path("counts");
        long read = counts.path("read").asLong();
        assertEquals(data.shardSamples(), read, "every shard sample was read");
        assertEquals(read, counts.path("kept").asLong() + counts.path("rejected").asLong() + counts.path("failed").asLong());
        assertEquals(counts.path("kept").asLong(), lines(cat.resolve("kept.jsonl")).size());
        assertEquals(counts.path("rejected").asLong(), lines(cat.resolve("rejected.jsonl")).size());
        List<String> failed = lines(cat.resolve("failed.jsonl"));
        assertEquals(1, failed.size(), "the sample whose image is not a PNG");
        assertEquals("broken-image", JSON.readTree(failed.get(0)).path("id").asText());
        assertEquals("unreadable_image", JSON.readTree(failed.get(0)).path("reason").asText());
        long kept = counts.path("kept").asLong();
        assertEquals(KEPT_BY_CAT, kept, counts.toString());
        assertEquals(data.trainRows.size() - KEPT_BY_CAT, counts.path("rejected").asLong(), counts.toString());

        // 2. teacher soft labels for every kept row, from a TorchScript teacher
        Path labels = dir.resolve("labels.soft");
        dihit(List.of("distill", "--data", cat.resolve("kept.jsonl").toString(),
                "--teacher", TeacherSoftLabelsTest.teacherFile().toString(), "--image-size", "8", "--top-k", "3",
                "--out", labels.toString(), "--threads", "2", "--quiet"));
        JsonNode distilled = JSON.readTree(Path.of(labels + ".json").toFile()).path("counts");
        assertEquals(kept, distilled.path("read").asLong(), distilled.toString());
        assertEquals(kept, distilled.path("labelled").asLong(), "every kept row's image is readable: " + distilled);
        assertEquals(0, distilled.path("skipped").asLong() + distilled.path("failed").asLong());
        assertTrue(lines(Path.of(labels + ".failures.jsonl")).isEmpty());

        // 3. train on the kept rows (their images are members of the shards) for one epoch, distilling the labels
        Path runDir = dir.resolve("run");
        Path config = dir.resolve("run.json");
        Files.writeString(config, """
                {"run_dir": "%s", "seed": 0, "steps": 1000, "batch_size": 16,
                 "model": {"config": "%s"},
                 "data": {"type": "manifest", "manifests": ["%s"], "bpe": "%s", "epochs": 1, "threads": 2},
                 "loss": {"type": "hn_nce"},
                 "distillation": {"soft_labels": "%s", "weight": 1.0},
                 "optimizer": {"lr": 1e-3, "warmup_steps": 1},
                 "progress": false, "stop_at_end_of_data": true}
                """.formatted(runDir, data.modelJson, cat.resolve("kept.jsonl"), data.bpe, labels));
        dihit(List.of("train", "--config", config.toString()));
        JsonNode used = JSON.readTree(runDir.resolve("data_summary.json").toFile());
        assertEquals(kept, used.path("dataset_samples").asLong(), "training read the filter's kept rows");
        assertEquals(kept, used.path("read").asLong(), "one whole epoch");
        assertEquals(used.path("read").asLong(), used.path("kept").asLong() + used.path("skipped").asLong());
        assertEquals(used.path("kept").asLong(),
                used.path("samples_used").asLong() + used.path("dropped_incomplete_batch").asLong());
        assertEquals(kept / 16, used.path("batches_used").asLong());
        List<String> metrics = lines(runDir.resolve("metrics.jsonl"));
        assertEquals(kept / 16, metrics.size());
        for (String line : metrics) {
            JsonNode step = JSON.readTree(line);
            assertEquals(16, step.path("distillation_rows").asInt(), "every row of every batch has a soft label: " + line);
            assertTrue(Double.isFinite(step.path("distillation").asDouble()), line);
        }
        assertTrue(Files.isRegularFile(runDir.resolve("model.safetensors")));

        // 4. zero-shot on the held-out style, ending in report.json and report.md
        Path eval = dir.resolve("eval");
        dihit(List.of("eval", "zeroshot", "--dataset", data.heldOut.toString(), "--checkpoint", runDir.toString(),
                "--merges", data.bpe.toString(), "--out", eval.toString()));
        JsonNode report = JSON.readTree(eval.resolve("report.json").toFile());
        assertEquals(EmojiData.CONCEPTS, report.path("zeroShot").path("samples").asInt(), report.toPrettyString());
        assertEquals(data.classNames.stream().sorted().toList(),
                JSON.convertValue(report.path("zeroShot").path("classes"), List.class));
        assertTrue(lines(eval.resolve("skipped.jsonl")).isEmpty(), "every held-out image was read");
        String markdown = Files.readString(eval.resolve("report.md"));
        assertTrue(markdown.contains("Zero-shot"), markdown);
    }

    /** Runs {@code dihit <args>} as a user's command line would, in a child JVM, and requires exit status 0. */
    private void dihit(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx5g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "io.dihit.examples.Dihit"));
        command.addAll(args);
        Path log = dir.resolve(args.get(0) + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("dihit " + args.get(0) + " did not finish in 10 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.print(output);
        assertEquals(0, process.exitValue(), "dihit " + String.join(" ", args) + ":\n" + output);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }
}
