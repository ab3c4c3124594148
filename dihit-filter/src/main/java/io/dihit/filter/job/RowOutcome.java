package io.dihit.filter.job;

import io.dihit.filter.CatScores;
import io.dihit.filter.RejectReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What happened to one input row: scored (kept or rejected), or failed. */
sealed interface RowOutcome {

    /** Score columns of the kept manifest, after id, image, caption and the inputs' extra columns. */
    List<String> SCORE_COLUMNS = List.of("complexity", "actions", "text_spotted", "ocr_text", "matched_words");
    /** The rejected manifest has one more column: the failed rule parts. */
    List<String> REJECTED_COLUMNS = List.of("complexity", "actions", "text_spotted", "ocr_text", "matched_words", "reason");

    /** A scored sample; {@code reasons} empty means kept. */
    record Scored(SourceRow row, CatScores scores, List<RejectReason> reasons) implements RowOutcome {
        public Scored {
            reasons = List.copyOf(reasons);
        }

        public boolean kept() {
            return reasons.isEmpty();
        }

        /** Failed parts joined with '+', e.g. {@code actions+text_match}; empty when kept. */
        public String reasonLabel() {
            return reasonLabel(reasons);
        }

        public static String reasonLabel(List<RejectReason> reasons) {
            return reasons.stream().map(RejectReason::label).collect(Collectors.joining("+"));
        }

        /** The score columns (and the reason when rejected) for the output manifests. */
        public Map<String, Object> columns() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("complexity", scores.complexity());
            c.put("actions", scores.actions());
            c.put("text_spotted", scores.textSpotted());
            c.put("ocr_text", scores.textMatch().spottedText());
            c.put("matched_words", String.join(" ", scores.textMatch().matchedWords()));
            if (!kept()) {
                c.put("reason", reasonLabel());
            }
            return c;
        }
    }

    /** A row that could not be read or scored. */
    record Failed(SourceFailure failure) implements RowOutcome {
    }
}
