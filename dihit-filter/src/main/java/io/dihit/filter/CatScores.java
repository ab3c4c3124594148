package io.dihit.filter;

import io.dihit.filter.spotting.TextMatch;
import java.util.Objects;

/**
 * Every score CAT computes for one sample, kept in the outputs so users can re-select without
 * re-parsing or re-running OCR.
 *
 * @param complexity  largest number of scene-graph edges at any entity
 * @param actions     number of relations whose predicate is an action verb
 * @param textSpotted true when OCR ran on the image (false when the job has no text spotter)
 * @param textMatch   spotted text and the spotted words that are also caption words
 *                    ({@link TextMatch#NONE} when OCR did not run)
 */
public record CatScores(int complexity, int actions, boolean textSpotted, TextMatch textMatch) {
    public CatScores {
        if (complexity < 0 || actions < 0) {
            throw new IllegalArgumentException("scores must be >= 0: complexity " + complexity + ", actions " + actions);
        }
        Objects.requireNonNull(textMatch, "textMatch");
    }
}
