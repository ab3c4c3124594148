package io.dihit.filter.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextMatcher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaddleOcrSpotterTest {
    private static PaddleOcrSpotter spotter;
    private final TextMatcher matcher = new TextMatcher();

    @BeforeAll
    static void load() throws Exception {
        spotter = new PaddleOcrSpotter(OcrTestData.paddleConfig());
    }

    @AfterAll
    static void close() {
        spotter.close();
    }

    private List<String> words(List<SpottedWord> spotted) {
        return matcher.match("", spotted).spottedWords();
    }

    @Test
    void readsRenderedLinesInReadingOrder() throws Exception {
        List<SpottedWord> spotted = spotter.spot(OcrTestData.rendered(520, 150, 36, "PARROT CAPTION", "big sale 2024"));
        List<String> words = words(spotted);
        assertEquals(List.of("parrot", "caption", "big", "sale", "2024"), words, spotted.toString());
        assertTrue(spotted.stream().allMatch(w -> w.confidence() > 0.8), spotted.toString());
    }

    @Test
    void readsEmojiLabelsAndNothingOnAFace() throws Exception {
        assertEquals(List.of("sos"), words(spotter.spot(OcrTestData.resource("google-1f198-sos.png"))));
        assertEquals(List.of("new"), words(spotter.spot(OcrTestData.resource("twitter-1f195-new.png"))));
        assertEquals(List.of(), words(spotter.spot(OcrTestData.resource("google-1f436-dog-face.png"))));
    }

    @Test
    void blankImagesGiveNoText() throws Exception {
        assertEquals(List.of(), spotter.spot(OcrTestData.rendered(300, 100, 20)));
    }

    @Test
    void configIsValidatedAndMissingModelsAreNamed() {
        PaddleOcrConfig.Builder b = PaddleOcrConfig.forModelPackage(Path.of("/nonexistent/ocr-models"));
        assertThrows(IllegalArgumentException.class, () -> b.boxThreshold(1.0).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PaddleOcrSpotter(PaddleOcrConfig.forModelPackage(Path.of("/nonexistent/ocr-models")).build()));
        assertTrue(e.getMessage().contains("ch_PP-OCRv4_det_infer.onnx"), e.getMessage());
        PaddleOcrConfig config = OcrTestData.paddleConfig();
        assertEquals(config, config.toBuilder().build());
    }
}
