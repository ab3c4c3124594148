package io.dihit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.util.UserError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DihitTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return new Dihit().run(args, out, err);
    }

    @Test
    void listsEveryCommand() {
        assertEquals(0, run("--help"));
        String text = outBytes.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"demo", "smoke", "filter", "distill", "train", "eval", "fetch-data"}) {
            assertTrue(text.contains("  " + command + " "), command + " missing from\n" + text);
        }
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(2, run());
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).startsWith("usage: dihit"));
    }

    @Test
    void everyOwnCommandHasHelp() {
        for (String command : new String[] {"demo", "smoke", "fetch-data"}) {
            outBytes.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(outBytes.toString(StandardCharsets.UTF_8).startsWith("dihit " + command), command);
        }
    }

    @Test
    void unknownCommandAndBadOptionsAreUsageErrors() {
        assertEquals(2, run("frobnicate"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        errBytes.reset();
        assertEquals(2, run("demo", "--seeds", "many"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--seeds needs a number"), errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void moduleCommandsSayWhenTheirModuleIsAbsent() {
        for (var module : Dihit.MODULES) {
            boolean present;
            try {
                Class.forName(module.mainClass());
                present = true;
            } catch (ClassNotFoundException e) {
                present = false;
            }
            assertEquals(present, module.available(), module.mainClass());
            if (present) { // run in-process through run(String[], PrintStream): never System.exit
                outBytes.reset();
                assertEquals(0, run(module.name(), "--help"), module.name());
                assertTrue(outBytes.toString(StandardCharsets.UTF_8).toLowerCase().startsWith("usage: dihit " + module.name()),
                        outBytes.toString(StandardCharsets.UTF_8));
            } else {
                errBytes.reset();
                assertEquals(2, run(module.name(), "--help"), module.name());
                assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains(module.mainClass() + " is not in this build"));
            }
        }
    }

    @Test
    void userErrorsAreOneLineWithExitCode2AndTracesOnlyWithVerbose(@TempDir Path dir) throws IOException {
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        Path missing = dir.resolve("nope.csv");
        String[] args = {"eval", "retrieval", "--dataset", missing.toString(), "--random-init", "--config", "demo_tiny",
            "--merges", merges.toString()};
        assertEquals(2, run(args));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("dihit eval: dataset " + missing + ": not found"), err.lines().toList());

        errBytes.reset();
        List<String> verbose = new ArrayList<>(List.of(args));
        verbose.add(1, "--verbose");
        assertEquals(2, run(verbose.toArray(String[]::new)));
        err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("dihit eval: dataset " + missing + ": not found"), err);
        assertTrue(err.contains("at io.dihit.eval."), err);

        errBytes.reset();
        assertEquals(2, run("eval", "zeroshot", "--verbose"));
        assertEquals("dihit eval: --dataset is required", errBytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    }

    /** filter and train, like eval, run in-process: a missing input is one line and exit 2, a trace only with --verbose. */
    @Test
    void filterAndTrainUserErrorsAreOneLineThroughTheLauncher(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.csv");
        String[] filter = {"filter", "--input", missing.toString(), "--output", dir.resolve("out").toString()};
        assertEquals(2, run(filter));
        List<String> lines = errBytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("dihit filter: ") && lines.get(0).contains(missing + " does not exist"),
                lines.get(0));
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");

        Path config = dir.resolve("run.json");
        String[] train = {"train", "--config", config.toString()};
        errBytes.reset();
        assertEquals(2, run(train));
        assertEquals(List.of("dihit train: --config " + config + ": not found"),
                errBytes.toString(StandardCharsets.UTF_8).lines().toList());

        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        Files.writeString(config, """
                {"run_dir": "%s", "steps": 2, "batch_size": 2, "model": {"name": "tiny_fixture"},
                 "data": {"type": "manifest", "manifests": ["%s"], "bpe": "%s"}}
                """.formatted(json(dir.resolve("run")), json(missing), json(merges)));
        errBytes.reset();
        assertEquals(2, run(train));
        lines = errBytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("dihit train: data.manifests: ") && lines.get(0).contains(missing.toString()),
                lines.get(0));

        for (String[] args : List.of(filter, train)) {
            errBytes.reset();
            List<String> verbose = new ArrayList<>(List.of(args));
            verbose.add("--verbose");
            assertEquals(2, run(verbose.toArray(String[]::new)));
            String err = errBytes.toString(StandardCharsets.UTF_8);
            assertTrue(err.startsWith("dihit " + args[0] + ": "), err);
            assertTrue(err.contains("at io.dihit."), err);
        }
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }

    @Test
    void distillChecksItsInputsBeforeTheTeacherLoads(@TempDir Path dir) {
        Path missing = dir.resolve("train.csv");
        assertEquals(2, run("distill", "--data", missing.toString(), "--teacher", dir.resolve("t.pt").toString(),
                "--out", dir.resolve("labels.soft").toString()));
        assertEquals(List.of("dihit distill: input not found: " + missing), errBytes.toString(StandardCharsets.UTF_8).lines().toList());
        outBytes.reset();
        assertEquals(0, run("distill", "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).startsWith("usage: dihit distill"));
    }

    @Test
    void otherFailuresKeepTheirStackTraceAndExitCode1(@TempDir Path dir) throws IOException {
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        Path broken = Files.writeString(dir.resolve("broken.safetensors"), "not a checkpoint");
        for (String c : new String[] {"red", "blue"}) {
            Path image = Files.createDirectories(dir.resolve("data/" + c)).resolve("0.png");
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        }
        assertEquals(1, run("eval", "zeroshot", "--dataset", dir.resolve("data").toString(), "--checkpoint",
                broken.toString(), "--config", "demo_tiny", "--merges", merges.toString(), "--no-cache"));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("dihit eval failed: "), err);
        assertTrue(err.contains("at io.dihit."), err);
    }

    @Test
    void userMessagesAreTheFirstLineAndNameMissingFiles() {
        assertEquals("--config is required", Dihit.userMessage(new IllegalArgumentException("--config is required\n\nusage: ...")));
        assertEquals("/x/nope.png: not found", Dihit.userMessage(new UncheckedIOException(new NoSuchFileException("/x/nope.png"))));
        assertEquals("/x/m: not a folder", Dihit.userMessage(new NoSuchFileException("/x/m", null, "not a folder")));
        assertEquals("--out x is a file", Dihit.userMessage(new UserError("--out x is a file")));
        assertNull(Dihit.userMessage(new IllegalStateException("bug")));
        assertNull(Dihit.userMessage(new UncheckedIOException(new IOException("disk full"))));
    }
}
