package io.dihit.core.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accounting for a read: every input is either kept or skipped with a reason, so
 * {@code kept() + skipped() == read()} always holds. Skips are logged: the first
 * {@value #LOG_FIRST} of each reason one by one, then one line per {@value #LOG_EVERY}
 * so a bad dataset cannot flood the log. The first {@value #MAX_EXAMPLES} skips are kept
 * in full for reports. Thread-safe.
 */
public final class DataReport {
    static final int LOG_FIRST = 20;
    static final int LOG_EVERY = 1000;
    static final int MAX_EXAMPLES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DataReport.class);

    private final String source;
    private long kept;
    private final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final List<Skip> examples = new ArrayList<>();

    /** @param source name used in log lines (a file name, "loader", ...) */
    public DataReport(String source) {
        this.source = source;
    }

    public synchronized void kept() {
        kept++;
    }

    public void skip(long where, String id, SkipReason reason, String detail) {
        Skip s = new Skip(where, id == null ? "" : id, reason, detail);
        long n;
        synchronized (this) {
            n = skipped.merge(reason, 1L, Long::sum);
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(s);
            }
        }
        if (n <= LOG_FIRST) {
            LOG.warn("{}: skipped {}", source, s);
        } else if (n % LOG_EVERY == 0) {
            LOG.warn("{}: {} skips for {} so far, latest {}", source, n, reason, s);
        }
    }

    public synchronized long keptCount() {
        return kept;
    }

    public synchronized long skippedCount() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long read() {
        return kept + skippedCount();
    }

    public synchronized long count(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /** Skip counts by reason (only reasons that occurred). */
    public synchronized Map<SkipReason, Long> skippedByReason() {
        return Collections.unmodifiableMap(new EnumMap<>(skipped));
    }

    /** The first skips in full (at most {@value #MAX_EXAMPLES}). */
    public synchronized List<Skip> examples() {
        return List.copyOf(examples);
    }

    public String source() {
        return source;
    }

    @Override
    public synchronized String toString() {
        return source + ": read " + read() + ", kept " + kept + ", skipped " + skippedCount()
                + (skipped.isEmpty() ? "" : " " + skipped);
    }
}
