package io.dihit.filter.job;

import java.io.PrintStream;

/** A one-line progress display (rows done of total, rate, ETA, counts) redrawn at most once a second. */
final class ProgressLine {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long startDone;
    private long lastDraw;

    /** @param total expected rows (an upper bound is fine), or <= 0 when unknown */
    ProgressLine(PrintStream out, long total, long alreadyDone) {
        this.out = out;
        this.total = total;
        this.startDone = alreadyDone;
    }

    void update(JobCounters c, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 1_000_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = (c.read - startDone) / seconds;
        StringBuilder line = new StringBuilder("\r[filter] ");
        if (total > 0) {
            double f = Math.min(1.0, c.read / (double) total);
            int filled = (int) Math.round(f * WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%5.1f%% ", 100 * f));
            if (rate > 0 && c.read < total) {
                line.append(String.format("ETA %ds ", Math.round((total - c.read) / rate)));
            }
        }
        line.append(String.format("%,d rows %.1f/s kept %,d rejected %,d failed %,d", c.read, rate, c.kept, c.rejected, c.failed));
        out.print(line);
        if (force) {
            out.println();
        }
        out.flush();
    }
}
