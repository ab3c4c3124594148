package io.dihit.core.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Accounting for a read: every input is either kept or skipped with a reason, so
 * {@code kept() + skipped() == read()} always holds. Skips are logged: the first
 * {@value #LOG_FIRST} of each reason one by one, then one line per {@value #LOG_EVERY}
 * so a bad dataset cannot flood the log.
 *
 * <p>Every skip, at any count, reaches the listeners added with {@link #addSkipListener}: that is
 * how a job lists each skipped row (failure files). {@link #examples()} is only a capped preview
 * (the first {@value #MAX_EXAMPLES}) for log lines and short reports; never build a full list
 * from it. Thread-safe.
 */
public final class DataReport {
    static final int LOG_FIRST = 20;
    static final int LOG_EVERY = 1000;
    static final int MAX_EXAMPLES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DataReport.class);

    private final String source;
    private final boolean log;
    private long kept;
    private final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final List<Skip> examples = new ArrayList<>();
    private final List<Consumer<Skip>> listeners = new CopyOnWriteArrayList<>();

    /** @param source name used in log lines (a file name, "loader", ...) */
    public DataReport(String source) {
        this(source, true);
    }

    /** @param log false for a counting pre-pass whose skips are logged by the real read */
    DataReport(String source, boolean log) {
        this.source = source;
        this.log = log;
    }

    /**
     * Adds a listener that receives every later skip, synchronously on the skipping thread, in the
     * order the skips are counted, with no cap. A listener that throws aborts the read that skipped.
     */
    public void addSkipListener(Consumer<Skip> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public synchronized void kept() {
        kept++;
    }

    public void skip(long where, String id, SkipReason reason, String detail) {
        Skip s = new Skip(where, id, reason, detail, source);
        long n;
        synchronized (this) {
            n = skipped.merge(reason, 1L, Long::sum);
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(s);
            }
            // Delivered under the lock so that listeners see skips in counting order.
            for (Consumer<Skip> l : listeners) {
                l.accept(s);
            }
        }
        if (!log) {
            return;
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

    /**
     * A preview: the first skips in full, at most {@value #MAX_EXAMPLES}. For logs and short
     * reports only; use {@link #addSkipListener} to see every skip.
     */
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
