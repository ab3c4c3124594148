package io.dihit.filter.job;

import java.io.Serializable;
import java.util.Objects;

/**
 * A row that could not be turned into a sample, or a sample that could not be scored. Serializable, so
 * Spark executors can send it to the driver.
 *
 * @param input    index of the input in the job's input list
 * @param position where in that input: the 1-based line where a manifest row starts, or a shard
 *                 sample's 1-based ordinal in its shard; names one record
 * @param id       sample id when known, else empty
 * @param reason   category (a core {@code SkipReason} name in lower case, or a filter reason such as
 *                 {@code unreadable_image}, {@code duplicate_id}, {@code ocr_error})
 * @param detail   human-readable cause
 */
record SourceFailure(int input, long position, String id, String reason, String detail) implements Serializable {
    public SourceFailure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** The failure of a row whose id an earlier row of the job had, under {@link DuplicateIds#KEEP_FIRST}. */
    public static SourceFailure duplicateId(int input, long position, String id) {
        return new SourceFailure(input, position, id, "duplicate_id", "an earlier row of this job has the same id");
    }
}
