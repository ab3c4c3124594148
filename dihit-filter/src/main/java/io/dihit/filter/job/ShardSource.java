package io.dihit.filter.job;

import io.dihit.core.data.ShardSample;
import io.dihit.core.data.TarShards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A webdataset-style tar shard as a {@link SampleSource}; position = the sample's ordinal in the shard
 * (1-based, counting every sample, read or skipped). Incomplete samples, bad captions, corrupt headers
 * and a truncated end become failures with the reader's reason.
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
        this.skips = new SkipTracker(input, reader.report());
    }

    @Override
    public SourceRow next() {
        ShardSample s = reader.hasNext() ? reader.next() : null;
        return s == null ? null : new SourceRow(input, s.ordinal(), s.record(shard), s.image(), java.util.Map.of());
    }

    @Override
    public List<SourceFailure> drainFailures() {
        return skips.drain();
    }

    @Override
    public long membersLost() {
        return reader.membersLost();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static boolean isShard(Path input) {
        return input.getFileName().toString().endsWith(".tar");
    }
}
