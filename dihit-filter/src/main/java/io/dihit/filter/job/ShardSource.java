package io.dihit.filter.job;

import io.dihit.core.data.ShardSample;
import io.dihit.core.data.TarShards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A webdataset-style tar shard as a {@link SampleSource}; position = the image member's byte offset.
 * Incomplete samples, bad captions and a truncated end become failures with the reader's reason.
 */
final class ShardSource implements SampleSource {
    private final int input;
    private final Path shard;
    private final TarShards.Reader reader;
    private final SkipTracker skips;

    /** @param loadImages read image bytes (needed for OCR or image verification) */
    ShardSource(int input, Path shard, boolean loadImages) throws IOException {
        this.input = input;
        this.shard = shard;
        this.reader = TarShards.open(shard, loadImages);
        // Shard skips are numbered by member, not by offset: place them in the gap instead.
        this.skips = new SkipTracker(input, reader.report(), false);
    }

    @Override
    public SourceRow next() {
        ShardSample s = reader.hasNext() ? reader.next() : null;
        skips.afterRead(s == null ? Long.MAX_VALUE : s.imageOffset());
        return s == null ? null : new SourceRow(input, s.imageOffset(), s.record(shard), s.image());
    }

    @Override
    public List<SourceFailure> drainFailures() {
        return skips.drain();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static boolean isShard(Path input) {
        return input.getFileName().toString().endsWith(".tar");
    }
}
