package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
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
        TrainMain.main(new String[] {"--config", config.toString(), "--stop-after", "2"});
        assertTrue(Files.notExists(run.resolve("model.safetensors")), "no final weights before the last step");
        TrainMain.main(new String[] {"--config", config.toString()});
        assertEquals(3, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
            model.initializeParameters(manager);
            Checkpoints.load(run.resolve("model.safetensors"), model, true); // strict: every key, every shape
            float scale = model.logitScale().getArray().getFloat();
            assertTrue(scale >= 0 && scale <= (float) Math.log(100));
        }
    }

    @Test
    void helpAndBadArguments() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured));
        try {
            TrainMain.main(new String[] {"--help"});
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(original);
        }
        assertTrue(captured.toString().startsWith("usage: dihit train --config run.json"));
        assertThrows(IllegalArgumentException.class, () -> TrainMain.main(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> TrainMain.main(new String[0]));
    }
}
