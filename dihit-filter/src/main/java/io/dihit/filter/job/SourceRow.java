package io.dihit.filter.job;

import io.dihit.core.data.ImageTextRecord;
import java.util.Objects;

/**
 * A sample read from an input.
 *
 * @param input      index of the input in the job's input list
 * @param position   where the sample is in that input (manifest line, shard member index); increasing
 * @param record     id, image reference, caption
 * @param imageBytes the encoded image when the source already holds it (tar shards), else null
 */
public record SourceRow(int input, long position, ImageTextRecord record, byte[] imageBytes) {
    public SourceRow {
        Objects.requireNonNull(record, "record");
    }
}
