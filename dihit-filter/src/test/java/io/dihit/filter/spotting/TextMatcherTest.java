package io.dihit.filter.spotting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMatcherTest {
    private final TextMatcher matcher = new TextMatcher();

    @Test
    void punctuationAndCaseAreIgnored() {
        TextMatch m = matcher.match("Squared UP with exclamation mark, up!", List.of(new SpottedWord("UP!", 0.97)));
        assertTrue(m.matched());
        assertEquals(List.of("up"), m.matchedWords());
        assertEquals("UP!", m.spottedText());
    }

    @Test
    void singleCharactersAndLowConfidenceNeverMatch() {
        TextMatch m = matcher.match("a b c sale", List.of(new SpottedWord("A", 0.99), new SpottedWord("SALE", 0.2)));
        assertFalse(m.matched());
        assertEquals(List.of(), m.spottedWords());
        assertEquals("A", m.spottedText());
    }

    @Test
    void spottedLinesAreSplitIntoWordsAndHyphenatedFormsMatchBothWays() {
        TextMatch m = matcher.match("a black t-shirt for sale", List.of(new SpottedWord("BIG SALE tshirt", 0.9)));
        assertEquals(List.of("big", "sale", "tshirt"), m.spottedWords());
        assertEquals(List.of("sale", "tshirt"), m.matchedWords());
    }

    @Test
    void nonLatinLettersAndDigitsCount() {
        assertEquals(List.of("東京", "2024"), matcher.normalisedWords("東京 2024!"));
        assertTrue(matcher.match("keycap: 10", List.of(new SpottedWord("10", 0.8))).matched());
    }

    @Test
    void wordsMustBeWholeCaptionWords() {
        assertFalse(matcher.match("a cool dog", List.of(new SpottedWord("coo", 0.99))).matched());
        assertFalse(matcher.match("", List.of(new SpottedWord("dog", 0.99))).matched());
        assertFalse(matcher.match("a dog", List.of()).matched());
    }

    @Test
    void invalidConfigAndWordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TextMatcher.Config(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> new TextMatcher.Config(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpottedWord("x", Double.NaN));
    }
}
