package io.dihit.filter.job;

import io.dihit.core.data.ManifestReader;
import io.dihit.core.data.ManifestRow;
import io.dihit.core.data.Manifests;
import io.dihit.core.data.Skip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV / JSON-lines manifest as a {@link SampleSource}; rows the manifest reader skips (bad UTF-8,
 * malformed, empty fields) become failures with the reader's reason.
 */
final class ManifestSource implements SampleSource {
    private final int input;
    private final ManifestReader reader;
    private final List<SourceFailure> pending = new ArrayList<>();
    private long skipsSeen;
    private long lastLine;

    ManifestSource(int input, Path manifest) throws IOException {
        this.input = input;
        this.reader = Manifests.read(manifest);
    }

    @Override
    public SourceRow next() {
        boolean more = reader.hasNext();
        ManifestRow row = more ? reader.next() : null;
        collectSkips(row == null ? Long.MAX_VALUE : row.line());
        if (row == null) {
            return null;
        }
        lastLine = row.line();
        return new SourceRow(input, row.line(), row.record(), null);
    }

    /**
     * The reader keeps only its first skips in full, so a skip beyond those gets the position just
     * before the next row: still between the two rows around it, which is all resuming needs.
     */
    private void collectSkips(long nextLine) {
        long skipped = reader.report().skippedCount();
        if (skipped == skipsSeen) {
            return;
        }
        List<Skip> examples = reader.report().examples();
        Map<?, Long> byReason = reader.report().skippedByReason();
        for (long i = skipsSeen; i < skipped; i++) {
            if (i < examples.size()) {
                Skip s = examples.get((int) i);
                pending.add(new SourceFailure(input, s.where(), s.id(), s.reason().name().toLowerCase(Locale.ROOT), s.detail()));
            } else {
                long where = nextLine == Long.MAX_VALUE ? lastLine + 1 : nextLine - 1;
                pending.add(new SourceFailure(input, where, "", "unlisted_skip",
                        "manifest row skipped by the reader (details beyond its first " + examples.size()
                                + " skips are not kept; counts by reason: " + byReason + ")"));
            }
        }
        skipsSeen = skipped;
    }

    @Override
    public List<SourceFailure> drainFailures() {
        List<SourceFailure> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
