package io.dihit.filter.job;

import io.dihit.core.data.ImageTextRecord;
import io.dihit.filter.CatScores;
import io.dihit.filter.RejectReason;
import io.dihit.filter.spotting.TextMatch;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One {@link RowOutcome} as an executor sends it to the driver: everything the outputs and the
 * counters use, without the image bytes.
 *
 * @param fromRow true for a row the source read (its id counts for duplicates), false for a record
 *                the source could not read
 * @param scored  the scores of a scored row, else null
 * @param failure the failure of a failed row, else null
 */
record ShippedOutcome(boolean fromRow, Scored scored, SourceFailure failure) implements Serializable {

    /** A scored row, flattened to serializable parts. */
    record Scored(int input, long position, String id, String image, String caption, Map<String, Object> extra, int complexity,
                  int actions, boolean textSpotted, String spottedText, List<String> spottedWords,
                  List<String> matchedWords, List<RejectReason> reasons) implements Serializable {
    }

    static ShippedOutcome of(RowOutcome outcome, boolean fromRow) {
        if (outcome instanceof RowOutcome.Failed f) {
            return new ShippedOutcome(fromRow, null, f.failure());
        }
        RowOutcome.Scored s = (RowOutcome.Scored) outcome;
        SourceRow row = s.row();
        CatScores c = s.scores();
        TextMatch t = c.textMatch();
        return new ShippedOutcome(true, new Scored(row.input(), row.position(), row.record().id(), row.record().image(),
                row.record().caption(), row.extra(), c.complexity(),
                c.actions(), c.textSpotted(), t.spottedText(), t.spottedWords(), t.matchedWords(), s.reasons()), null);
    }

    String id() {
        return scored != null ? scored.id() : failure.id();
    }

    int input() {
        return scored != null ? scored.input() : failure.input();
    }

    long position() {
        return scored != null ? scored.position() : failure.position();
    }

    RowOutcome outcome() {
        if (scored == null) {
            return new RowOutcome.Failed(failure);
        }
        Scored s = scored;
        return new RowOutcome.Scored(new SourceRow(s.input(), s.position(), new ImageTextRecord(s.id(), s.image(), s.caption()), null, s.extra()),
                new CatScores(s.complexity(), s.actions(), s.textSpotted(), new TextMatch(s.spottedText(), s.spottedWords(),
                        s.matchedWords())), s.reasons());
    }
}
