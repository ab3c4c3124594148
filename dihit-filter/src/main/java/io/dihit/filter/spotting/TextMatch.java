package io.dihit.filter.spotting;

import java.util.List;
import java.util.Objects;

/**
 * Result of comparing an image's spotted text with its caption.
 *
 * @param spottedText  the raw text of every spotted piece above the confidence threshold, joined by
 *                     single spaces (kept so users can inspect what the OCR saw)
 * @param spottedWords the normalised spotted words (distinct, in order of first appearance)
 * @param matchedWords the normalised spotted words that are also caption words
 */
public record TextMatch(String spottedText, List<String> spottedWords, List<String> matchedWords) {
    public static final TextMatch NONE = new TextMatch("", List.of(), List.of());

    public TextMatch {
        Objects.requireNonNull(spottedText, "spottedText");
        spottedWords = List.copyOf(spottedWords);
        matchedWords = List.copyOf(matchedWords);
    }

    /** True when at least one spotted word is also a caption word ("parrot caption"). */
    public boolean matched() {
        return !matchedWords.isEmpty();
    }
}
