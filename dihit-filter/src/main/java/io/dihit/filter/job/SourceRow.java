package io.dihit.filter.job;

import io.dihit.core.data.ImageTextRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sample read from an input.
 *
 * @param input      index of the input in the job's input list
 * @param position   where the sample is in that input (manifest line, shard sample ordinal); increasing
 * @param record     id, image reference, caption
 * @param imageBytes the encoded image when the source already holds it (tar shards), else null
 * @param extra      the input's other columns / keys (url, hash, licence, ...) in input order: text, or
 *                   the JSON value of a JSON-lines key that is not a string; passed through to the outputs
 */
record SourceRow(int input, long position, ImageTextRecord record, byte[] imageBytes, Map<String, Object> extra) {
    public SourceRow {
        Objects.requireNonNull(record, "record");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
