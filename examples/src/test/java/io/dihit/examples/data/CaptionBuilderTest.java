package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionBuilderTest {

    private static final EmojiConcept GRINNING = new EmojiConcept("1f600", "grinning face", List.of("grinning"),
            "Smileys & Emotion", "face-smiling", List.of("smile", "happy", "joy", "grin", "smiley"), "1f600.png");
    private static final EmojiConcept BARE = new EmojiConcept("1f3fb", "emoji modifier fitzpatrick type 1 2",
            List.of("skin tone 2"), "Component", "skin-tone", List.of(), "1f3fb.png");

    @Test
    void sameSeedSameCaptions() {
        CaptionBuilder builder = new CaptionBuilder(4);
        assertEquals(builder.captions(GRINNING, 7), builder.captions(GRINNING, 7));
    }

    @Test
    void seedsVaryTheCaptions() {
        CaptionBuilder builder = new CaptionBuilder(3);
        var seen = new HashSet<List<String>>();
        for (long seed = 0; seed < 10; seed++) {
            seen.add(builder.captions(GRINNING, seed));
        }
        assertTrue(seen.size() > 3, "10 seeds gave only " + seen.size() + " caption sets");
    }

    @Test
    void givesTheRequestedNumberOfDistinctCaptionsThatNameTheConcept() {
        List<String> captions = new CaptionBuilder(5).captions(GRINNING, 1);
        assertEquals(5, captions.size());
        assertEquals(5, new HashSet<>(captions).size());
        for (String caption : captions) {
            assertTrue(caption.contains("grin") || caption.contains("smile") || caption.contains("happy") || caption.contains("joy"),
                    caption);
        }
    }

    @Test
    void conceptsWithoutKeywordsGetOnlyTheTemplatesTheyCanFill() {
        List<String> captions = new CaptionBuilder(8).captions(BARE, 3);
        assertEquals(4, captions.size(), captions.toString());
        assertTrue(captions.contains("an emoji showing an emoji modifier fitzpatrick type 1 2"), captions.toString());
        assertTrue(captions.contains("a small icon depicting a skin tone 2"), captions.toString());
    }

    @Test
    void sentencesAndBarePhrasesAreMixed() {
        List<String> all = new CaptionBuilder(8).captions(GRINNING, 0);
        assertEquals(8, all.size());
        long sentences = all.stream().filter(c -> c.contains(" showing ") || c.contains(" depicting ") || c.contains(" means ")
                || c.contains(" send ")).count();
        assertEquals(4, sentences, all.toString());
        assertNotEquals(all, new CaptionBuilder(8).captions(GRINNING, 1));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new CaptionBuilder(0));
        assertThrows(IllegalArgumentException.class, () -> new CaptionBuilder(9));
    }
}
