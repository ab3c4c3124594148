package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark command line refuses what it cannot run before Spark starts, with a message saying what to do. */
class SparkFilterMainTest {
    @TempDir
    Path dir;

    @Test
    void uriInputsMissingFilesAndRemovedOptionsAreUserErrors() throws Exception {
        IllegalArgumentException uri = assertThrows(IllegalArgumentException.class, () -> SparkFilterMain.run(
                new String[] {"--input", "hdfs:///laion/part-0.jsonl", "--output", dir.resolve("o").toString()}, System.out));
        assertTrue(uri.getMessage().contains("takes a file path") && uri.getMessage().contains("mount"), uri.getMessage());

        UserError missing = assertThrows(UserError.class, () -> SparkFilterMain.run(
                new String[] {"--input", dir.resolve("nope.jsonl").toString(), "--output", dir.resolve("o").toString()}, System.out));
        assertTrue(missing.getMessage().contains("nope.jsonl does not exist"), missing.getMessage());

        Path m = Files.writeString(dir.resolve("m.jsonl"), "{\"id\":\"a\",\"image\":\"a.png\",\"caption\":\"dog\"}\n");
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> SparkFilterMain.run(
                new String[] {"--input", m.toString(), "--output", dir.resolve("o").toString(), "--threads", "4"}, System.out));
        assertEquals("unknown option --threads (see --help)", threads.getMessage());
        assertTrue(Files.notExists(dir.resolve("o")), "nothing is written before the checks pass");
    }

    @Test
    void helpNamesTheOutputFilesAndTheDuplicatePolicy() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertEquals(0, SparkFilterMain.run(new String[] {"--help"}, new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        String help = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("DIR/failed.jsonl") && help.contains("--duplicate-ids"), help);
    }
}
