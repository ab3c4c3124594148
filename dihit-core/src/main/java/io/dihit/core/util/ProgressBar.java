package io.dihit.core.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A thread-safe one-line progress bar, e.g. {@code images [############..................]  40% 400/1000 85.3/s eta 7s}.
 * On a terminal the line is redrawn in place (at most every {@value #REDRAW_MILLIS} ms); otherwise (logs, CI,
 * pipes) a plain line is printed at every 10 % of a known total, or every {@value #LOG_SECONDS} s when the total
 * is unknown, so logs stay short. The rate and ETA count only the work done since this bar was created.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_MILLIS = 200;
    private static final long LOG_SECONDS = 10;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long startDone;
    private long done;
    private String detail = "";
    private long lastDrawNanos;
    private int lastDecile = -1;
    private long lastDrawnDone = -1;
    private boolean finished;

    /**
     * @param total work units to do, or 0 when unknown (then no bar, percentage or ETA is shown)
     */
    public ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, System.console() != null, System::nanoTime);
    }

    ProgressBar(PrintStream out, String label, long total, boolean interactive, LongSupplier nanoClock) {
        if (total < 0) {
            throw new IllegalArgumentException("progress total must be >= 0 (0 = unknown): " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    /** Starts from work already done (e.g. a resumed job); the rate and ETA count only what follows. */
    public synchronized ProgressBar resumedAt(long alreadyDone) {
        startDone = alreadyDone;
        done = alreadyDone;
        return this;
    }

    /** Text shown after the ETA (losses, counters); it is drawn with the next update. */
    public synchronized void detail(String text) {
        detail = text == null ? "" : text;
    }

    public void step() {
        advance(1);
    }

    public synchronized void advance(long n) {
        advanceTo(done + n);
    }

    /**
     * Moves to {@code value}; lower values (late reports from parallel workers) are ignored. A value past
     * the total (the total was an estimate) is shown as is, with the bar full.
     */
    public synchronized void advanceTo(long value) {
        done = Math.max(done, value);
        long now = nanoClock.getAsLong();
        if (!finished && shouldDraw(now)) {
            draw(now);
        }
    }

    public synchronized long done() {
        return done;
    }

    public double elapsedSeconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** Draws the final state (unless a log line already shows it) and ends the line; later calls do nothing. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long now = nanoClock.getAsLong();
        if (interactive) {
            draw(now);
            out.println();
            out.flush();
        } else if (done != lastDrawnDone) {
            draw(now);
        }
    }

    @Override
    public void close() {
        finish();
    }

    private boolean shouldDraw(long now) {
        if (interactive) {
            return now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000L || (total > 0 && done >= total);
        }
        return total > 0 ? decile() != lastDecile : now - lastDrawNanos >= LOG_SECONDS * 1_000_000_000L;
    }

    private int decile() {
        return (int) (10 * Math.min(done, total) / total);
    }

    private void draw(long now) {
        lastDrawNanos = now;
        lastDrawnDone = done;
        if (total > 0) {
            lastDecile = decile();
        }
        out.print(interactive ? "\r" + line(now) : line(now) + System.lineSeparator());
        out.flush();
    }

    synchronized String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - startDone) / seconds : 0;
        // No time has passed yet: a rate (and so an ETA) would be meaningless.
        String rateText = seconds > 0 ? String.format(Locale.ROOT, "%.1f/s", rate) : "?/s";
        StringBuilder line = new StringBuilder(label);
        if (total > 0) {
            long shown = Math.min(done, total);
            int filled = (int) (WIDTH * shown / total);
            String eta = done >= total ? "0s" : rate > 0 ? Math.round((total - done) / rate) + "s" : "?";
            line.append(String.format(Locale.ROOT, " [%s%s] %3d%% %d/%d %s eta %s", "#".repeat(filled),
                    ".".repeat(WIDTH - filled), 100 * shown / total, done, total, rateText, eta));
        } else {
            line.append(' ').append(done).append(' ').append(rateText);
        }
        if (!detail.isEmpty()) {
            line.append(' ').append(detail);
        }
        return line.toString();
    }
}
