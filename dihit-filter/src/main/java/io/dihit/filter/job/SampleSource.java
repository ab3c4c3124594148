package io.dihit.filter.job;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Sequential reader of one input (a manifest or a tar shard). Rows come in increasing position;
 * rows the source cannot read are reported as failures, in position order relative to the rows.
 * Not thread-safe.
 */
interface SampleSource extends Closeable {

    /**
     * Opens an input of a filter job: a tar shard (.tar) or a CSV / JSON-lines manifest.
     *
     * @param input      the input's index in the job's input list (carried by its rows and failures)
     * @param loadImages read shard images' bytes (needed for OCR or an image check)
     */
    static SampleSource open(int input, Path path, boolean loadImages) throws IOException {
        return ShardSource.isShard(path) ? new ShardSource(input, path, loadImages) : new ManifestSource(input, path);
    }

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

    /**
     * The extra columns the input declares up front (a CSV header's, beyond id, image, caption);
     * JSON-lines keys appear only in the rows' {@link SourceRow#extra()}.
     */
    default List<String> extraColumns() {
        return List.of();
    }
}
