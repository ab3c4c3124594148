package io.dihit.filter.job;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.Skip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns every skip a core reader counts in its {@link DataReport} into a {@link SourceFailure}
 * (through {@link DataReport#addSkipListener}, so no skip is lost at any count). A skip's own position
 * is used when it is comparable with row positions; otherwise the skip gets the position just
 * before the next row (or just after the last one at the end), which keeps it between its two
 * neighbouring rows: all that resuming from a row boundary needs.
 */
final class SkipTracker {
    private final int input;
    private final boolean useSkipPositions;
    private final List<Skip> unplaced = new ArrayList<>();
    private final List<SourceFailure> pending = new ArrayList<>();
    private long lastPosition = -1;

    SkipTracker(int input, DataReport report, boolean useSkipPositions) {
        this.input = input;
        this.useSkipPositions = useSkipPositions;
        report.addSkipListener(unplaced::add);
    }

    /** Call after each read with the position of the row returned, or {@link Long#MAX_VALUE} at the end. */
    void afterRead(long nextPosition) {
        long gapPosition = nextPosition == Long.MAX_VALUE ? lastPosition + 1 : nextPosition - 1;
        for (Skip s : unplaced) {
            long where = useSkipPositions ? s.where() : gapPosition;
            pending.add(new SourceFailure(input, where, s.id(), s.reason().name().toLowerCase(Locale.ROOT), s.detail()));
        }
        unplaced.clear();
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
