package io.dihit.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAT selection rule: keep a sample when every enabled part passes.
 * Default: complexity >= 1, actions >= 1, no text match. The DiHT paper does not publish its exact
 * thresholds in code (see docs/filter.md), so each part is switchable and its threshold configurable.
 *
 * @param complexityEnabled apply the complexity part
 * @param minComplexity     keep when complexity >= this (>= 0)
 * @param actionsEnabled    apply the actions part
 * @param minActions        keep when actions >= this (>= 0)
 * @param textMatchEnabled  reject samples whose image text matches the caption (needs a text spotter)
 */
public record CatRule(boolean complexityEnabled, int minComplexity, boolean actionsEnabled, int minActions,
                      boolean textMatchEnabled) implements java.io.Serializable {
    public static final CatRule DEFAULT = new CatRule(true, 1, true, 1, true);

    public CatRule {
        if (minComplexity < 0 || minActions < 0) {
            throw new IllegalArgumentException("thresholds must be >= 0: minComplexity " + minComplexity
                    + ", minActions " + minActions);
        }
    }

    public CatRule withTextMatch(boolean enabled) {
        return new CatRule(complexityEnabled, minComplexity, actionsEnabled, minActions, enabled);
    }

    /** The parts the sample fails, in a fixed order; empty means keep. */
    public List<RejectReason> failures(CatScores scores) {
        List<RejectReason> failed = new ArrayList<>(3);
        if (complexityEnabled && scores.complexity() < minComplexity) {
            failed.add(RejectReason.COMPLEXITY);
        }
        if (actionsEnabled && scores.actions() < minActions) {
            failed.add(RejectReason.ACTIONS);
        }
        if (textMatchEnabled) {
            if (!scores.textSpotted()) {
                throw new IllegalStateException("the rule checks text matches but OCR did not run on this sample");
            }
            if (scores.textMatch().matched()) {
                failed.add(RejectReason.TEXT_MATCH);
            }
        }
        return failed;
    }

    public boolean keeps(CatScores scores) {
        return failures(scores).isEmpty();
    }

    /** Human-readable form, e.g. {@code complexity>=1 & actions>=1 & !text_match}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (complexityEnabled) {
            parts.add("complexity>=" + minComplexity);
        }
        if (actionsEnabled) {
            parts.add("actions>=" + minActions);
        }
        if (textMatchEnabled) {
            parts.add("!text_match");
        }
        return parts.isEmpty() ? "keep-all" : String.join(" & ", parts);
    }
}
