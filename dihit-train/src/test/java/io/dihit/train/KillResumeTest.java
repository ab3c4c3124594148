package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill -9: a child JVM trains toward 12 steps and is killed (SIGKILL, no shutdown hooks)
 * as soon as its first checkpoint (step 2) exists; resuming in this JVM must reach exactly the parameters
 * of an uninterrupted 12-step run.
 */
class KillResumeTest {

    @TempDir
    Path dir;

    @Test
    void killNineThenResumeEqualsStraightRun() throws Exception {
        long steps = 12;
        Map<String, float[]> expected = LoopFixtures.train(LoopFixtures.config(dir.resolve("straight"), steps, ""),
                LoopFixtures.data(), steps, 1, null);

        Path run = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g"));
        for (String property : List.of("ai.djl.offline", "ai.djl.default_engine")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of(KillResumeChild.class.getName(), run.toString(), Long.toString(steps), "400"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        CheckpointStore store = new CheckpointStore(run, 2);
        try {
            // generous: on a loaded shared machine the child JVM can take minutes to load the engine
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (store.latest().isEmpty()) {
                assertTrue(child.isAlive(), () -> "child ended early: " + read(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "child made no checkpoint within 300 s");
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        long killedAt = store.latest().map(CheckpointStore::stepOf).orElseThrow();
        assertTrue(killedAt < steps, "the child was killed before finishing (last checkpoint " + killedAt + ")");
        // what a kill in the middle of writing leaves behind: a partial temporary directory
        Path partial = Files.createDirectories(store.directory().resolve(String.format("step-%09d.tmp", killedAt + 1)));
        Files.write(partial.resolve("model.safetensors"), new byte[] {80, 0, 0});

        Map<String, float[]> resumed = LoopFixtures.train(LoopFixtures.config(run, steps, ""), LoopFixtures.data(),
                steps, 99, null);
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), resumed.get(name), 0f, name + " after kill -9 at " + killedAt);
        }
        try (var files = Files.list(store.directory())) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "unfinished checkpoint removed");
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
