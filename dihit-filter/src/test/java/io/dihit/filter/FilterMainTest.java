package io.dihit.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.util.UserError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals(null, FilterOptions.createSpotter("none", java.util.Map.of()));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FilterOptions.createSpotter("paddle", java.util.Map.of("models", dir.resolve("nowhere").toString())));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        assertTrue(FilterOptions.parse(new String[] {"--ocr", "paddle"}, false).rule().textMatchEnabled());
        assertTrue(!FilterOptions.parse(new String[] {"--ocr", "paddle", "--no-text-match"}, false).rule().textMatchEnabled());
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
