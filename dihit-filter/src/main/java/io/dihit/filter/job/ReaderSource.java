package io.dihit.filter.job;

import io.dihit.core.data.DataReport;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A core reader (manifest or tar shard) as a {@link SampleSource}: rows in reader order, and every
 * skip the reader counts in its {@link DataReport} as a failure (through {@link SkipTracker}).
 * Subclasses only say how one item of their reader becomes a row.
 */
abstract class ReaderSource<T, R extends Iterator<T> & Closeable> implements SampleSource {
    final int input;
    final R reader;
    private final SkipTracker skips;

    ReaderSource(int input, R reader, DataReport report) {
        this.input = input;
        this.reader = reader;
        this.skips = new SkipTracker(input, report);
    }

    abstract SourceRow row(T item);

    @Override
    public final SourceRow next() {
        return reader.hasNext() ? row(reader.next()) : null;
    }

    @Override
    public final List<SourceFailure> drainFailures() {
        return skips.drain();
    }

    @Override
    public final void close() throws IOException {
        reader.close();
    }
}
