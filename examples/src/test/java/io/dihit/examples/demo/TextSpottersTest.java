package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.image.ImageDecoder;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiStyle;
import io.dihit.examples.data.RequiredData;
import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextSpotter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The demo's OCR wiring reads the text an emoji shows (the twitter SOS button). */
class TextSpottersTest {

    @Test
    void spotsSosOnTheTwitterSosButton() throws Exception {
        DataLayout layout = RequiredData.ocrModels();
        try (TextSpotter spotter = TextSpotters.open(layout)) {
            List<SpottedWord> words = spotter.spot(ImageDecoder.decode(layout.styleImage(EmojiStyle.TWITTER, "1f198.png")).toBufferedImage());
            assertTrue(words.stream().anyMatch(w -> w.text().toLowerCase(Locale.ROOT).contains("sos")), words.toString());
        }
    }
}
