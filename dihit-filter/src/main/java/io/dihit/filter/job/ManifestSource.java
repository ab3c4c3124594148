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
final class ManifestSource extends ReaderSource<ManifestRow, ManifestReader> {

    ManifestSource(int input, Path manifest) throws IOException {
        this(input, Manifests.read(manifest));
    }

    private ManifestSource(int input, ManifestReader reader) {
        super(input, reader, reader.report());
    }

    @Override
    SourceRow row(ManifestRow row) {
        return new SourceRow(input, row.line(), row.record(), null, row.extraValues());
    }

    @Override
    public List<String> extraColumns() {
        return reader.extraColumns();
    }
}
