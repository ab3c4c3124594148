package io.dihit.train.distill;

import java.io.Serializable;

/**
 * An input row that got no soft label, and why: skipped by the reader (bad manifest row, broken
 * shard member; reason is the {@link io.dihit.core.data.SkipReason} in lower case) or failed here
 * (image missing or undecodable, teacher error, duplicate id). One line of the failures file.
 *
 * @param status SKIPPED or FAILED
 * @param source the manifest or shard the row came from
 * @param where  1-based manifest line or shard sample number
 * @param id     the sample id, or empty when the reader could not tell it
 * @param reason a short category, counted in the summary
 * @param detail the human-readable cause
 */
record UnlabelledRow(Status status, String source, long where, String id, String reason, String detail)
        implements Serializable {

    /** Whether the reader skipped the row or labelling it failed. */
    public enum Status { SKIPPED, FAILED }

    public UnlabelledRow {
        id = id == null ? "" : id;
        detail = detail == null ? "" : detail;
    }
}
