package io.dihit.filter.job;

import io.dihit.core.data.ManifestReader;
import io.dihit.core.data.ManifestRow;
import io.dihit.core.data.Manifests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV / JSON-lines manifest as a {@link SampleSource}; position = the row's line. Rows the
 * manifest reader skips (bad UTF-8, malformed, empty fields) become failures with its reason.
 */
final class ManifestSource implements SampleSource {
    private final int input;
    private final ManifestReader reader;
    private final SkipTracker skips;

    ManifestSource(int input, Path manifest) throws IOException {
        this.input = input;
        this.reader = Manifests.read(manifest);
        this.skips = new SkipTracker(input, reader.report());
    }

    @Override
    public SourceRow next() {
        ManifestRow row = reader.hasNext() ? reader.next() : null;
        return row == null ? null : new SourceRow(input, row.line(), row.record(), null, row.extraValues());
    }

    @Override
    public List<SourceFailure> drainFailures() {
        return skips.drain();
    }

    @Override
    public List<String> extraColumns() {
        return reader.extraColumns();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
