package io.dihit.filter.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextMatcher;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TesseractSpotterTest {
    private final TextMatcher matcher = new TextMatcher();

    @Test
    void parsesWordRowsOfTheTsv() throws Exception {
        String tsv = String.join("\n",
                "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
                "1\t1\t0\t0\t0\t0\t0\t0\t256\t256\t-1\t",
                "4\t1\t1\t1\t1\t0\t40\t80\t170\t60\t-1\t",
                "5\t1\t1\t1\t1\t1\t40\t80\t100\t60\t95.25\tSOS",
                "5\t1\t1\t1\t1\t2\t150\t80\t60\t60\t12.5\tUP!",
                "5\t1\t1\t1\t1\t3\t150\t80\t60\t60\t40\t ",
                "");
        assertEquals(List.of(new SpottedWord("SOS", 0.9525), new SpottedWord("UP!", 0.125)), TesseractSpotter.parseTsv(tsv));
        assertThrows(IOException.class, () -> TesseractSpotter.parseTsv("5\t1\t1\t1\t1\t1\t0\t0\t1\t1\tx\tA"));
    }

    @Test
    void readsRenderedTextWithTheCli() throws Exception {
        try (TesseractSpotter spotter = new TesseractSpotter(TesseractConfig.DEFAULT)) {
            List<SpottedWord> spotted = spotter.spot(OcrTestData.rendered(520, 150, 36, "PARROT CAPTION", "big sale 2024"));
            assertEquals(List.of("parrot", "caption", "big", "sale", "2024"), matcher.match("", spotted).spottedWords(),
                    spotted.toString());
        }
    }

    @Test
    void singleLineModeReadsAnEmojiLabel() throws Exception {
        try (TesseractSpotter spotter = new TesseractSpotter(TesseractConfig.DEFAULT.withPageSegMode(7))) {
            List<SpottedWord> spotted = spotter.spot(OcrTestData.resource("google-1f198-sos.png"));
            assertEquals(List.of("sos"), matcher.match("", spotted).spottedWords(), spotted.toString());
        }
    }

    @Test
    void missingToolOrLanguageFailsAtConstruction() {
        IOException noTool = assertThrows(IOException.class, () -> new TesseractSpotter(
                new TesseractConfig("/nonexistent/tesseract", "eng", 11, 256, 0.1, Duration.ofSeconds(5))));
        assertTrue(noTool.getMessage().contains("apt-get install"), noTool.getMessage());
        IOException noLang = assertThrows(IOException.class, () -> new TesseractSpotter(
                new TesseractConfig("tesseract", "xyz", 11, 256, 0.1, Duration.ofSeconds(5))));
        assertTrue(noLang.getMessage().contains("tesseract-ocr-xyz"), noLang.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TesseractConfig.DEFAULT.withPageSegMode(14));
    }
}
