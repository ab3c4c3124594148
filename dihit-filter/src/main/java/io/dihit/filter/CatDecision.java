package io.dihit.filter;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * CAT's verdict on one caption (and image): every score and the rule parts it fails.
 *
 * @param caption the caption scored
 * @param scores  complexity, actions and (with OCR) the text match
 * @param reasons the failed rule parts, in a fixed order; empty when kept
 */
public record CatDecision(String caption, CatScores scores, List<RejectReason> reasons) {
    public CatDecision {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(scores, "scores");
        reasons = List.copyOf(reasons);
    }

    public boolean kept() {
        return reasons.isEmpty();
    }

    /** Failed parts joined with '+', e.g. {@code actions+text_match}; empty when kept. */
    public String reasonLabel() {
        return reasons.stream().map(RejectReason::label).collect(Collectors.joining("+"));
    }
}
