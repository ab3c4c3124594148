package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dihit.core.data.LoaderState;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.util.UserError;
import io.dihit.train.config.TrainConfig;
import java.io.IOException;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line entry on dihit-core's ClipModel (tiny_fixture config) with synthetic data. */
class TrainMainTest {

    @TempDir
    Path dir;

    @Test
    void trainsAClipModelFromAConfigFileAndResumes() throws Exception {
        Path run = dir.resolve("run");
        Path config = dir.resolve("run.json");
        Files.writeString(config, """
                {"run_dir": "%s", "seed": 3, "steps": 3, "batch_size": 4, "grad_cache_chunk": 2,
                 "model": {"name": "tiny_fixture"}, "data": {"type": "synthetic", "samples": 64},
                 "loss": {"type": "hn_nce"}, "optimizer": {"lr": 1e-3, "warmup_steps": 1},
                 "checkpoint_every": 1, "progress": true}
                """.formatted(run.toString().replace("\\", "\\\\")));
        TrainMain.run(new String[] {"--config", config.toString(), "--stop-after", "2"}, System.out);
        assertTrue(Files.notExists(run.resolve("model.safetensors")), "no final weights before the last step");
        TrainMain.run(new String[] {"--config", config.toString()}, System.out);
        assertEquals(3, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
            model.initializeParameters(manager);
            Checkpoints.load(run.resolve("model.safetensors"), model, true); // strict: every key, every shape
            float scale = model.logLogitScale().getArray().getFloat();
            assertTrue(scale >= 0 && scale <= (float) Math.log(100));
        }
    }

    /** Real images and captions through dihit-core's BatchLoader and a trained BPE vocabulary, resumed mid-run. */
    @Test
    void trainsFromAManifestWithTheBatchLoader() throws Exception {
        TinyImageData.write(dir, dir);
        Path run = dir.resolve("manifest-run");
        Path config = dir.resolve("manifest.json");
        Files.writeString(config, """
                {"run_dir": "%s", "seed": 1, "steps": 4, "batch_size": 4,
                 "model": {"config": "%s"},
                 "data": {"type": "manifest", "manifests": ["%s"], "bpe": "%s", "epochs": 2, "threads": 2},
                 "optimizer": {"lr": 1e-3}, "checkpoint_every": 1, "progress": false}
                """.formatted(TinyImageData.json(run), TinyImageData.json(dir.resolve("model.json")),
                TinyImageData.json(dir.resolve("train.csv")), TinyImageData.json(dir.resolve("bpe.txt"))));
        TrainingState half = TrainMain.train(TrainConfig.read(config), 3);
        assertEquals(3, half.step());
        assertEquals(new LoaderState(1, 4), half.dataPosition(), "epoch 1 after 2 batches of 4, half-way through the second");
        TrainingState end = TrainMain.train(TrainConfig.read(config), 4);
        assertEquals(4, end.step());
        assertEquals(16, end.samplesSeen());
        assertTrue(Files.exists(run.resolve("model.safetensors")));
    }

    private Path manifestConfig(String name, long steps, String extra) throws Exception {
        Path config = dir.resolve(name + ".json");
        Files.writeString(config, """
                {"run_dir": "%s", "seed": 1, "steps": %d, "batch_size": 4, "model": {"config": "%s"},
                 "data": {"type": "manifest", "manifests": ["%s"], "bpe": "%s", "threads": 2},
                 "optimizer": {"lr": 1e-3}, "progress": false %s}
                """.formatted(TinyImageData.json(dir.resolve(name)), steps, TinyImageData.json(dir.resolve("model.json")),
                TinyImageData.json(dir.resolve("train.csv")), TinyImageData.json(dir.resolve("bpe.txt")), extra));
        return config;
    }

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve(DataSummary.SUMMARY_FILE).toFile());
    }

    @Test
    void runningOutOfDataIsAnErrorUnlessTheConfigSaysStopAtEndOfData() throws Exception {
        TinyImageData.write(dir, dir);
        Path config = manifestConfig("short", 5, "");
        UserError e = assertThrows(UserError.class,
                () -> TrainMain.run(new String[] {"--config", config.toString()}, System.out));
        assertEquals("the data gave 2 batches of 4 (data.epochs 1) but steps = 5; lower steps, raise data.epochs, "
                + "or set stop_at_end_of_data to end the run there", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("short").resolve("model.safetensors")));
        JsonNode s = summary(dir.resolve("short"));
        assertEquals(8, s.get("read").asLong());
        assertEquals(8, s.get("kept").asLong());
        assertEquals(8, s.get("samples_used").asLong());

        TrainMain.run(new String[] {"--config", manifestConfig("ends", 5, ", \"stop_at_end_of_data\": true").toString()}, System.out);
        Path ends = dir.resolve("ends");
        assertTrue(Files.exists(ends.resolve("model.safetensors")), "the model of the 2 steps trained");
        assertEquals(2, Files.readAllLines(ends.resolve("metrics.jsonl")).size());
        assertEquals(List.of(), Files.readAllLines(ends.resolve(DataSummary.SKIPPED_FILE)));

        Path large = dir.resolve("large.json");
        Files.writeString(large, Files.readString(manifestConfig("large", 5, "")).replace("\"batch_size\": 4", "\"batch_size\": 16"));
        e = assertThrows(UserError.class, () -> TrainMain.run(new String[] {"--config", large.toString()}, System.out));
        assertTrue(e.getMessage().startsWith("the data gave no batch of 16 samples"), e.getMessage());
        assertEquals(8, summary(dir.resolve("large")).get("dropped_incomplete_batch").asLong(),
                "the 8 samples are an incomplete batch");
    }

    /** More broken rows than DataReport keeps as examples: every one is listed in skipped.jsonl, by id. */
    @Test
    void dataWithoutAnyUsableSampleIsAnErrorAndEverySkipIsListed() throws Exception {
        TinyImageData.write(dir, dir);
        StringBuilder manifest = new StringBuilder("id,image,caption\n");
        int rows = 1_203;
        for (int i = 0; i < rows; i++) {
            manifest.append("gone").append(i).append(',').append(TinyImageData.json(dir.resolve("missing-" + i + ".png")))
                    .append(",a lost square\n");
        }
        Files.writeString(dir.resolve("train.csv"), manifest);
        Path config = manifestConfig("broken", 3, ", \"stop_at_end_of_data\": true");
        UserError e = assertThrows(UserError.class,
                () -> TrainMain.run(new String[] {"--config", config.toString()}, System.out));
        assertTrue(e.getMessage().startsWith("the data gave no batch of 4 samples"), e.getMessage());
        Path run = dir.resolve("broken");
        assertTrue(Files.notExists(run.resolve("model.safetensors")));
        JsonNode s = summary(run);
        assertEquals(rows, s.get("read").asLong());
        assertEquals(0, s.get("kept").asLong());
        assertEquals(rows, s.get("skipped_by_reason").get("MISSING_FILE").asLong());
        assertEquals(0, s.get("samples_used").asLong());
        List<String> lines = Files.readAllLines(run.resolve(DataSummary.SKIPPED_FILE));
        assertEquals(rows, lines.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String line : lines) {
            JsonNode skip = new ObjectMapper().readTree(line);
            assertEquals("MISSING_FILE", skip.get("reason").asText());
            ids.add(skip.get("id").asText());
        }
        assertEquals(rows, ids.size());
        assertTrue(ids.contains("gone0") && ids.contains("gone1202"));
    }

    /**
     * Rows the manifest reader skips (here 1,200 empty captions among the 8 good rows) are listed in
     * skipped.jsonl by id, with the manifest and line, and counted exactly in data_summary.json.
     */
    @Test
    void everyManifestRowTheReaderSkipsIsListedWithItsFileAndLine() throws Exception {
        TinyImageData.write(dir, dir);
        StringBuilder manifest = new StringBuilder(Files.readString(dir.resolve("train.csv")));
        int empty = 1_200;
        for (int i = 0; i < empty; i++) {
            manifest.append("blank").append(i).append(',').append(TinyImageData.json(dir.resolve("img0.png"))).append(",\n");
        }
        Files.writeString(dir.resolve("train.csv"), manifest);
        assertEquals(0, TrainMain.run(new String[] {"--config",
                manifestConfig("blank", 2, ", \"stop_at_end_of_data\": true").toString()}, System.out));
        Path run = dir.resolve("blank");
        JsonNode s = summary(run);
        assertEquals(empty, s.get("source_rows_skipped").asLong());
        assertEquals(empty, s.get("source_rows_skipped_by_reason").get("EMPTY_CAPTION").asLong());
        assertEquals(8, s.get("read").asLong());
        assertEquals(0, s.get("skipped").asLong());
        List<String> lines = Files.readAllLines(run.resolve(DataSummary.SKIPPED_FILE));
        assertEquals(empty, lines.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String line : lines) {
            JsonNode skip = new ObjectMapper().readTree(line);
            assertEquals("EMPTY_CAPTION", skip.get("reason").asText());
            assertEquals("train.csv", skip.get("source").asText());
            int row = Integer.parseInt(skip.get("id").asText().substring("blank".length()));
            assertEquals(row + 10, skip.get("position").asLong(), "the header and 8 good rows come first");
            ids.add(skip.get("id").asText());
        }
        assertEquals(empty, ids.size());
    }

    /** Shard samples without a caption are listed with the shard and their sample ordinal. */
    @Test
    void shardSamplesWithoutCaptionsAreListed() throws Exception {
        TinyImageData.write(dir, dir);
        Path shard = dir.resolve("train-000.tar");
        try (io.dihit.core.data.TarShardWriter w = new io.dihit.core.data.TarShardWriter(shard)) {
            for (int i = 0; i < 8; i++) {
                byte[] png = Files.readAllBytes(dir.resolve("img" + i + ".png"));
                w.add("s" + i, "png", png, TinyImageData.CAPTIONS.get(i));
                w.member("lost" + i + ".png", png); // a sample without its .txt
            }
        }
        Path config = dir.resolve("shards.json");
        Files.writeString(config, Files.readString(manifestConfig("shards", 2, ", \"stop_at_end_of_data\": true"))
                .replace("\"manifests\": [\"" + TinyImageData.json(dir.resolve("train.csv")) + "\"]",
                        "\"shards\": [\"" + TinyImageData.json(shard) + "\"]"));
        assertEquals(0, TrainMain.run(new String[] {"--config", config.toString()}, System.out));
        Path run = dir.resolve("shards");
        assertEquals(8, summary(run).get("source_rows_skipped_by_reason").get("MISSING_CAPTION").asLong());
        List<String> lines = Files.readAllLines(run.resolve(DataSummary.SKIPPED_FILE));
        assertEquals(8, lines.size());
        for (int i = 0; i < 8; i++) {
            JsonNode skip = new ObjectMapper().readTree(lines.get(i));
            assertEquals("lost" + i, skip.get("id").asText());
            assertEquals("train-000.tar", skip.get("source").asText());
            assertEquals(2L * i + 2, skip.get("position").asLong(), "every second sample of the shard");
            assertEquals("MISSING_CAPTION", skip.get("reason").asText());
        }
    }

    @Test
    void missingInputsAreReportedBeforeAnyModelIsBuilt() throws Exception {
        TinyImageData.write(dir, dir);
        Files.delete(dir.resolve("bpe.txt"));
        UserError e = assertThrows(UserError.class,
                () -> TrainMain.run(new String[] {"--config", manifestConfig("nobpe", 3, "").toString()}, System.out));
        assertTrue(e.getMessage().startsWith("data.bpe: no such file "), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("nobpe")), "nothing written");
        Files.writeString(dir.resolve("afile"), "x");
        TinyImageData.write(dir, dir);
        Path config = dir.resolve("filerun.json");
        Files.writeString(config, Files.readString(manifestConfig("x", 3, "")).replace(
                TinyImageData.json(dir.resolve("x")), TinyImageData.json(dir.resolve("afile"))));
        e = assertThrows(UserError.class, () -> TrainMain.run(new String[] {"--config", config.toString()}, System.out));
        assertTrue(e.getMessage().contains("exists and is not a folder"), e.getMessage());
    }

    @Test
    void helpAndBadArguments() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured));
        try {
            assertEquals(0, TrainMain.run(new String[] {"--help"}, System.out));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(original);
        }
        assertTrue(captured.toString().startsWith("usage: dihit train --config run.json"));
        assertThrows(IllegalArgumentException.class, () -> TrainMain.run(new String[] {"--bogus"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> TrainMain.run(new String[0], System.out));
    }
}
