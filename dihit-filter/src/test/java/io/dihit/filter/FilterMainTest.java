package io.dihit.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.util.UserError;
import io.dihit.filter.job.DuplicateIds;
import io.dihit.filter.ocr.OcrEngine;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterMainTest {
    @TempDir
    Path dir;

    @Test
    void helpAndBadUsage() throws Exception {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(0, FilterMain.run(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8)));
        String text = help.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--min-complexity") && text.contains("--explain") && text.contains("resumes"), text);
        assertThrows(IllegalArgumentException.class, () -> FilterMain.run(new String[] {"--input", "x.csv"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> FilterMain.run(new String[] {"--bogus"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> FilterMain.run(new String[] {"--input", "x.csv", "--output",
                "o", "--min-actions", "one"}, System.out));
    }

    /** Thrown to the caller (the dihit launcher prints them as one line, exit 2) before any model loads. */
    @Test
    void userErrorsAreThrownBeforeModelsLoad() throws Exception {
        Files.writeString(dir.resolve("m.csv"), "id,image,caption\na,a.png,a dog\n");
        Files.writeString(dir.resolve("file"), "x");
        RuntimeException missing = assertThrows(RuntimeException.class, () -> FilterMain.run(new String[] {"--input",
                dir.resolve("nope.csv").toString(), "--output", dir.resolve("o").toString()}, System.out));
        assertTrue(missing instanceof UserError || missing instanceof IllegalArgumentException, missing.toString());
        assertTrue(missing.getMessage().contains("nope.csv does not exist"), missing.getMessage());
        RuntimeException notFolder = assertThrows(RuntimeException.class, () -> FilterMain.run(new String[] {"--input",
                dir.resolve("m.csv").toString(), "--output", dir.resolve("file").toString()}, System.out));
        assertTrue(notFolder instanceof UserError || notFolder instanceof IllegalArgumentException, notFolder.toString());
        assertTrue(notFolder.getMessage().contains("is a file, not a folder"), notFolder.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilterMain.run(new String[] {"--input", "m.csv", "--output",
                "o", "--duplicate-ids", "drop"}, System.out));
    }

    @Test
    void ocrEnginesByName() {
        assertEquals(null, new OcrEngine("none", Map.of(), 0).create());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OcrEngine("paddle", Map.of("models", dir.resolve("nowhere").toString()), 0).create());
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        assertTrue(FilterMain.parse(new String[] {"--ocr", "paddle"}, false).rule().textMatchEnabled());
        assertTrue(!FilterMain.parse(new String[] {"--ocr", "paddle", "--no-text-match"}, false).rule().textMatchEnabled());
        IllegalArgumentException noOcr = assertThrows(IllegalArgumentException.class,
                () -> FilterOptions.builder().textMatch(true).build());
        assertTrue(noOcr.getMessage().contains("--ocr"), noOcr.getMessage());
    }

    @Test
    void flagsBecomeOneImmutableOptionsRecord() {
        FilterOptions o = FilterMain.parse(new String[] {"--input", "a.csv", "--input", "b.tar", "--output", "out",
                "--ocr", "tesseract", "--ocr-option", "language=deu", "--ocr-cache", "7", "--min-actions", "2",
                "--no-complexity", "--threads", "3", "--min-word-length", "4"}, false);
        assertEquals(List.of(Path.of("a.csv"), Path.of("b.tar")), o.inputs());
        assertEquals(Path.of("out"), o.output());
        assertEquals(new OcrEngine("tesseract", Map.of("language", "deu"), 7), o.ocr());
        assertEquals(new CatRule(false, 1, true, 2, true), o.rule());
        assertEquals(3, o.threads());
        assertEquals(4, o.matcher().minWordLength());
        assertThrows(UnsupportedOperationException.class, () -> o.inputs().add(Path.of("c.csv")));
        FilterOptions spark = FilterMain.parse(new String[] {"--input", "/shared/a.csv", "--output", "/shared/o",
                "--duplicate-ids", "keep-all", "--master", "local[2]"}, true);
        assertEquals(List.of(Path.of("/shared/a.csv")), spark.inputs());
        assertEquals(DuplicateIds.KEEP_ALL, spark.duplicateIds());
        assertEquals("local[2]", spark.master());
        IllegalArgumentException uri = assertThrows(IllegalArgumentException.class,
                () -> FilterMain.parse(new String[] {"--input", "hdfs://n/a.csv"}, true));
        assertTrue(uri.getMessage().contains("takes a file path"), uri.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilterMain.parse(new String[] {"--threads", "2"}, true));
        assertThrows(IllegalArgumentException.class, () -> FilterMain.parse(new String[] {"--ocr-cache", "-1"}, false));
    }

    @Test
    void explainAndRunWithClearNlp() throws Exception {
        String explained = captureStdout(() -> assertEquals(0, FilterMain.run(new String[] {"--explain", "a man riding a bike"}, System.out)));
        assertTrue(explained.contains("complexity 1, actions 1"), explained);
        assertTrue(explained.contains("(man -ride-> bike)"), explained);

        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
        Files.writeString(dir.resolve("in.csv"), "id,image,caption\n1,a.png,a man riding a bike\n2,a.png,a red car\n"
                + "3,b.png,a dog chasing a ball\n");
        Path out = dir.resolve("out");
        String printed = captureStdout(() -> assertEquals(0, FilterMain.run(new String[] {"--input", dir.resolve("in.csv").toString(),
                "--output", out.toString(), "--threads", "2", "--no-progress", "--format", "csv"}, System.out)));
        assertTrue(printed.contains("read 3, kept 1, rejected 1, failed 1"), printed);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("complexity>=1 & actions>=1", summary.get("rule").asText());
        assertEquals(1, summary.at("/counts/failedByReason/missing_file").asLong());
        assertTrue(Files.readString(out.resolve("rejected.csv")).contains("a red car,1,0,false,,,actions"));
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String captureStdout(Action action) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
