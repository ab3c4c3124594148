package io.dihit.filter.job;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.Skip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns every skip a core reader counts in its {@link DataReport} into a {@link SourceFailure}, through
 * {@link DataReport#addSkipListener}, so no skip is lost at any count. The skip's own position
 * (manifest line, shard sample ordinal) is the failure's: it names one record and orders the failure
 * among the rows around it, which is what resuming from a row boundary needs.
 */
final class SkipTracker {
    private final int input;
    private final List<SourceFailure> pending = new ArrayList<>();

    SkipTracker(int input, DataReport report) {
        this.input = input;
        report.addSkipListener(this::add);
    }

    private void add(Skip s) {
        pending.add(new SourceFailure(input, s.where(), s.id(), s.reason().name().toLowerCase(Locale.ROOT), s.detail()));
    }

    List<SourceFailure> drain() {
        List<SourceFailure> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
