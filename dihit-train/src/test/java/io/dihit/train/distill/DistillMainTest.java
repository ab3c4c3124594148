package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void helpPrintsUsage() {
        assertNull(DistillMain.execute(new String[] {"--help"}, out));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("usage: dihit distill --data INPUT..."));
    }

    @Test
    void labelsManifestsAndShardsFromTheCommandLine() throws Exception {
        List<Path> inputs = DistillFixtures.write(dir);
        Path sidecar = dir.resolve("labels.soft");
        DistillReport report = DistillMain.execute(new String[] {"--data", inputs.get(0).toString(), inputs.get(1).toString(),
                "--teacher", DistillFixtures.teacher().toString(), "--out", sidecar.toString(), "--image-size", "8",
                "--top-k", "2", "--batch-size", "3", "--threads", "2"}, out);
        assertEquals(new DistillReport(11, 6, 2, 3, report.skippedByReason(), report.failedByReason(), 5), report);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("soft labels: read 11, labelled 6, skipped 2"), printed);
        try (SoftLabelFile file = SoftLabelFile.open(sidecar)) {
            assertEquals(6, file.size());
            assertEquals(2, file.topK());
        }
        assertEquals(5, Files.readAllLines(SoftLabels.failuresFile(sidecar)).size());
    }

    @Test
    void userErrorsAreOneLineAndComeBeforeTheTeacherLoads() throws Exception {
        List<Path> inputs = DistillFixtures.write(dir);
        String teacher = DistillFixtures.teacher().toString();
        assertEquals("--data, --teacher and --out are required (see --help)", error("--data", inputs.get(0).toString()));
        assertEquals("--top-k needs a whole number, got 'ten'", error("--top-k", "ten"));
        assertEquals("unknown option --topk (see --help)", error("--topk", "3"));
        assertEquals("input not found: " + dir.resolve("absent.csv"),
                error("--data", dir.resolve("absent.csv").toString(), "--teacher", teacher, "--out", dir.resolve("l.soft").toString()));
        assertEquals("teacher model file not found or unreadable: " + dir.resolve("absent.pt"),
                error("--data", inputs.get(0).toString(), "--teacher", dir.resolve("absent.pt").toString(), "--out", "l.soft"));
        assertEquals("batch size must be >= 1, got 0", error("--batch-size", "0"));
    }

    /** The message of the one-line error (bad option: IllegalArgumentException; missing file: UserError). */
    private String error(String... args) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> DistillMain.execute(args, out));
        assertTrue(e instanceof IllegalArgumentException || e instanceof UserError, e.toString());
        return e.getMessage();
    }
}
