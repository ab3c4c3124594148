package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.io.Checkpoints;
import io.dihit.core.io.Tensor;
import io.dihit.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of {@code dihit train}: a child JVM (ClipModel tiny_fixture, synthetic data,
 * slowed down) gets SIGTERM after its second step. It must finish the step it is in, write a
 * checkpoint there (checkpoint_every is larger than the run, so only the stop can have written it),
 * exit with status 143 (128 + SIGTERM) and leave no JVM crash report. Resuming in this JVM must then
 * end with exactly the weights of an uninterrupted run.
 */
class SigtermResumeTest {

    private static final long STEPS = 8;

    @TempDir
    Path dir;

    private TrainConfig config(Path run) {
        return TrainConfig.parse("""
                {"run_dir": "%s", "seed": 3, "steps": %d, "batch_size": 4,
                 "model": {"name": "tiny_fixture"}, "data": {"type": "synthetic", "samples": 64},
                 "loss": {"type": "hn_nce"}, "optimizer": {"lr": 1e-3, "warmup_steps": 1},
                 "checkpoint_every": 100, "progress": false, "stop_timeout_s": 120}
                """.formatted(run.toString().replace("\\", "\\\\"), STEPS));
    }

    @Test
    void sigtermStopsAfterTheStepWithACheckpointAndTheRunResumesExactly() throws Exception {
        Path straight = dir.resolve("straight");
        TrainMain.train(config(straight), STEPS);

        Path run = dir.resolve("stopped");
        Path configFile = dir.resolve("stopped.json");
        config(run).write(configFile);
        Path cwd = Files.createDirectories(dir.resolve("child"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g",
                "-XX:ErrorFile=" + cwd.resolve("hs_err_pid%p.log")));
        for (String property : List.of("ai.djl.offline", "ai.djl.default_engine")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of(SigtermChild.class.getName(), configFile.toString(), "300"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Path metrics = run.resolve("metrics.jsonl");
        int exit;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300); // engine start on a loaded machine
            while (lines(metrics) < 2) {
                assertTrue(child.isAlive(), () -> "child ended early: " + read(log));
                assertTrue(System.nanoTime() < deadline, "child made no 2 steps within 300 s");
                Thread.sleep(10);
            }
            child.destroy(); // SIGTERM on Linux
            assertTrue(child.waitFor(150, TimeUnit.SECONDS), "child did not exit after SIGTERM");
            exit = child.exitValue();
        } finally {
            child.destroyForcibly();
        }
        String output = read(log);
        assertEquals(143, exit, () -> "exit status after SIGTERM; log:\n" + output);
        try (Stream<Path> files = Files.list(cwd)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList(),
                    () -> "JVM crash report; log:\n" + output);
        }
        assertTrue(output.contains("stopped at step"), output);

        List<Path> checkpoints = new CheckpointStore(run, 2).list();
        assertEquals(1, checkpoints.size(), "one checkpoint, written at the stop: " + checkpoints);
        long stoppedAt = CheckpointStore.stepOf(checkpoints.get(0));
        assertTrue(stoppedAt >= 2 && stoppedAt < STEPS, "stopped mid-run, at step " + stoppedAt);
        assertEquals(stoppedAt, lines(metrics), "a metrics line per step done");

        TrainingState resumed = TrainMain.train(config(run), STEPS);
        assertEquals(STEPS, resumed.step());
        assertEquals(STEPS, lines(metrics));
        // the files' metadata differ (the provenance names each run's directory); every tensor must not
        Map<String, Tensor> expected = Checkpoints.readStateDict(straight.resolve("model.safetensors"));
        Map<String, Tensor> actual = Checkpoints.readStateDict(run.resolve("model.safetensors"));
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key).bytes(), actual.get(key).bytes(),
                    key + " after stop at " + stoppedAt + " and resume");
        }
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
