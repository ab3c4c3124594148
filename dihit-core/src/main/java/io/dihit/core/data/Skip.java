package io.dihit.core.data;

/**
 * One dropped row or sample.
 *
 * @param where  1-based line of a manifest row, sample ordinal in a shard, or epoch position in the loader
 * @param id     the sample id when known, else empty
 * @param reason category, counted
 * @param detail human-readable cause
 * @param source what {@code where} counts in: the manifest or shard file name for a reader's skip (so
 *               source + where names one record), the {@link DataReport#source()} of whatever counted it,
 *               or empty for a skip made outside a report
 */
public record Skip(long where, String id, SkipReason reason, String detail, String source) {
    public Skip {
        id = id == null ? "" : id;
        source = source == null ? "" : source;
    }

    /** A skip without a source (its position is in the caller's own list). */
    public Skip(long where, String id, SkipReason reason, String detail) {
        this(where, id, reason, detail, "");
    }

    /** This skip with another source (e.g. the split an image set stands for). */
    public Skip withSource(String value) {
        return new Skip(where, id, reason, detail, value);
    }

    @Override
    public String toString() {
        return "#" + where + (id.isEmpty() ? "" : " (" + id + ")") + ": " + reason + ": " + detail;
    }
}
