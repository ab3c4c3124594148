package io.dihit.filter.job;

import io.dihit.filter.RejectReason;
import java.util.TreeMap;

/**
 * Running totals of a filter job; saved in checkpoints and written as the summary.
 * Invariant: {@code kept + rejected + failed == read}. Mutable, not thread-safe (the job's writer
 * thread owns it); public fields so Jackson reads and writes it as is.
 */
public final class JobCounters {
    public long read;
    public long kept;
    public long rejected;
    public long failed;
    /** Rejected rows by their full reason label ("actions", "complexity+actions", ...); sums to rejected. */
    public TreeMap<String, Long> rejectedByReason = new TreeMap<>();
    /** Rejected rows per failed rule part; a row failing two parts counts in both. */
    public TreeMap<String, Long> rejectedByPart = new TreeMap<>();
    public TreeMap<String, Long> failedByReason = new TreeMap<>();
    /** Rows whose id an earlier row of the job had (failed as duplicate_id or, with keep-all, scored). */
    public long duplicateIds;
    /** Tar members lost to corrupt headers (their samples are failed rows unless still complete). */
    public long tarMembersLost;
    /** Over all scored rows (kept and rejected). */
    public TreeMap<Integer, Long> complexityHistogram = new TreeMap<>();
    public TreeMap<Integer, Long> actionsHistogram = new TreeMap<>();

    /** Counts a row's outcome; {@code duplicate}: an earlier row of the job had its id. */
    public void add(RowOutcome outcome, boolean duplicate) {
        if (duplicate) {
            duplicateIds++;
        }
        read++;
        if (outcome instanceof RowOutcome.Failed f) {
            failed++;
            failedByReason.merge(f.failure().reason(), 1L, Long::sum);
            return;
        }
        RowOutcome.Scored s = (RowOutcome.Scored) outcome;
        complexityHistogram.merge(s.scores().complexity(), 1L, Long::sum);
        actionsHistogram.merge(s.scores().actions(), 1L, Long::sum);
        if (s.kept()) {
            kept++;
        } else {
            rejected++;
            rejectedByReason.merge(s.reasonLabel(), 1L, Long::sum);
            for (RejectReason r : s.reasons()) {
                rejectedByPart.merge(r.label(), 1L, Long::sum);
            }
        }
    }

    public boolean balanced() {
        return kept + rejected + failed == read;
    }
}
