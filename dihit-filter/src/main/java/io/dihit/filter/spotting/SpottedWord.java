package io.dihit.filter.spotting;

import java.util.Objects;

/**
 * One piece of text found in an image by a {@link TextSpotter}: a word or a line, as the OCR engine
 * reports it (not normalised), with the engine's confidence scaled to [0, 1].
 */
public record SpottedWord(String text, double confidence) {
    public SpottedWord {
        Objects.requireNonNull(text, "text");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }
}
