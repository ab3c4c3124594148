package io.dihit.filter.job;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Sequential reader of one input (a manifest or a tar shard). Rows come in increasing position;
 * rows the source cannot read are reported as failures, in position order relative to the rows.
 * Not thread-safe.
 */
interface SampleSource extends Closeable {

    /** The next readable sample, or null at the end of the input. */
    SourceRow next() throws IOException;

    /**
     * Failures seen since the last call. Each lies before the row returned by the latest
     * {@link #next()} (or, once {@code next()} returned null, before the end), and after the one
     * returned by the call before.
     */
    List<SourceFailure> drainFailures();

    /** Tar members lost to corrupt headers so far (0 for manifests). */
    default long membersLost() {
        return 0;
    }
}
