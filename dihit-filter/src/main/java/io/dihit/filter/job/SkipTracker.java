package io.dihit.filter.job;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.Skip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the skips a core reader counts in its {@link DataReport} into {@link SourceFailure}s,
 * positioned between the rows around them. A skip's own position is used when it is comparable with
 * row positions and the report still holds it in full; otherwise the skip gets the position just
 * before the next row (or just after the last one at the end), which keeps it between its two
 * neighbouring rows: all that resuming from a row boundary needs.
 */
final class SkipTracker {
    private final int input;
    private final DataReport report;
    private final boolean useSkipPositions;
    private final List<SourceFailure> pending = new ArrayList<>();
    private long seen;
    private long lastPosition = -1;

    SkipTracker(int input, DataReport report, boolean useSkipPositions) {
        this.input = input;
        this.report = report;
        this.useSkipPositions = useSkipPositions;
    }

    /** Call after each read with the position of the row returned, or {@link Long#MAX_VALUE} at the end. */
    void afterRead(long nextPosition) {
        long skipped = report.skippedCount();
        if (skipped > seen) {
            List<Skip> examples = report.examples();
            for (long i = seen; i < skipped; i++) {
                long gapPosition = nextPosition == Long.MAX_VALUE ? lastPosition + 1 : nextPosition - 1;
                if (i < examples.size()) {
                    Skip s = examples.get((int) i);
                    long where = useSkipPositions ? s.where() : gapPosition;
                    pending.add(new SourceFailure(input, where, s.id(), s.reason().name().toLowerCase(Locale.ROOT), s.detail()));
                } else {
                    pending.add(new SourceFailure(input, gapPosition, "", "unlisted_skip",
                            "skipped by the reader; details beyond its first " + examples.size()
                                    + " skips are not kept (counts by reason: " + report.skippedByReason() + ")"));
                }
            }
            seen = skipped;
        }
        if (nextPosition != Long.MAX_VALUE) {
            lastPosition = nextPosition;
        }
    }

    List<SourceFailure> drain() {
        List<SourceFailure> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
