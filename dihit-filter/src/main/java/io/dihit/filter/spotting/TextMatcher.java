package io.dihit.filter.spotting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Decides whether an image "text-matches" its caption: a spotted word, normalised, that is also a
 * caption word.
 *
 * <p>Normalisation (same for spotted text and caption): split at whitespace; each chunk gives its
 * letters and digits joined ({@code "U.P."} -> {@code "up"}, {@code "t-shirt"} -> {@code "tshirt"})
 * and also each run of letters and digits on its own ({@code "t-shirt"} -> {@code "t"},
 * {@code "shirt"}); everything is lower-cased (root locale); words shorter than
 * {@link Config#minWordLength()} are dropped. Spotted pieces with confidence below
 * {@link Config#minConfidence()} are ignored. Immutable and thread-safe.
 */
public final class TextMatcher {

    /**
     * @param minConfidence spotted pieces with a lower confidence are ignored, in [0, 1]
     * @param minWordLength shortest normalised word that counts, at least 1 (the DiHT default is 2)
     */
    public record Config(double minConfidence, int minWordLength) implements java.io.Serializable {
        public static final Config DEFAULT = new Config(0.5, 2);

        public Config {
            if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
                throw new IllegalArgumentException("minConfidence must be in [0, 1], got " + minConfidence);
            }
            if (minWordLength < 1) {
                throw new IllegalArgumentException("minWordLength must be >= 1, got " + minWordLength);
            }
        }
    }

    private final Config config;

    public TextMatcher(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public TextMatcher() {
        this(Config.DEFAULT);
    }

    public Config config() {
        return config;
    }

    /** Compares the spotted pieces with the caption. */
    public TextMatch match(String caption, Collection<SpottedWord> spotted) {
        StringJoiner rawText = new StringJoiner(" ");
        Set<String> spottedWords = new LinkedHashSet<>();
        for (SpottedWord piece : spotted) {
            if (piece.confidence() >= config.minConfidence() && !piece.text().isBlank()) {
                rawText.add(piece.text().strip());
                spottedWords.addAll(normalisedWords(piece.text()));
            }
        }
        if (spottedWords.isEmpty()) {
            return new TextMatch(rawText.toString(), List.of(), List.of());
        }
        Set<String> captionWords = new LinkedHashSet<>(normalisedWords(caption == null ? "" : caption));
        List<String> matched = new ArrayList<>();
        for (String word : spottedWords) {
            if (captionWords.contains(word)) {
                matched.add(word);
            }
        }
        return new TextMatch(rawText.toString(), new ArrayList<>(spottedWords), matched);
    }

    /** The normalised words of a text, distinct, in order of first appearance. */
    List<String> normalisedWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String chunk : text.strip().split("\\s+")) {
            StringBuilder joined = new StringBuilder();
            StringBuilder run = new StringBuilder();
            List<String> runs = new ArrayList<>();
            chunk.codePoints().forEach(cp -> {
                if (Character.isLetterOrDigit(cp)) {
                    joined.appendCodePoint(cp);
                    run.appendCodePoint(cp);
                } else if (run.length() > 0) {
                    runs.add(run.toString());
                    run.setLength(0);
                }
            });
            if (run.length() > 0) {
                runs.add(run.toString());
            }
            addIfLongEnough(words, joined.toString());
            runs.forEach(r -> addIfLongEnough(words, r));
        }
        return new ArrayList<>(words);
    }

    private void addIfLongEnough(Set<String> words, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.codePointCount(0, lower.length()) >= config.minWordLength()) {
            words.add(lower);
        }
    }
}
