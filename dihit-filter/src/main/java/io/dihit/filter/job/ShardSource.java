package io.dihit.filter.job;

import io.dihit.core.data.ShardSample;
import io.dihit.core.data.TarShards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A webdataset-style tar shard as a {@link SampleSource}; position = the sample's ordinal in the shard
 * (1-based, counting every sample, read or skipped). Incomplete samples, bad captions, corrupt headers
 * and a truncated end become failures with the reader's reason.
 */
final class ShardSource extends ReaderSource<ShardSample, TarShards.Reader> {
    private final Path shard;

    /** @param loadImages read image bytes (needed for OCR or image verification) */
    ShardSource(int input, Path shard, boolean loadImages) throws IOException {
        this(input, shard, TarShards.open(shard, loadImages));
    }

    private ShardSource(int input, Path shard, TarShards.Reader reader) {
        super(input, reader, reader.report());
        this.shard = shard;
    }

    @Override
    SourceRow row(ShardSample s) {
        return new SourceRow(input, s.ordinal(), s.record(shard), s.image(), Map.of());
    }

    @Override
    public long membersLost() {
        return reader.membersLost();
    }

    static boolean isShard(Path input) {
        return input.getFileName().toString().endsWith(".tar");
    }
}
