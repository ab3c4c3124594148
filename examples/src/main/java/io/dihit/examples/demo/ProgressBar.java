package io.dihit.examples.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar per demo stage: redrawn in place on a terminal, at most every 10 % when the
 * output is a file or a pipe (so logs stay short).
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long done;
    private int lastDecile = -1;

    public ProgressBar(PrintStream out, String label, long total) {
        if (total < 1) {
            throw new IllegalArgumentException("progress total must be positive: " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.interactive = System.console() != null;
    }

    public void step() {
        advanceTo(done + 1);
    }

    public synchronized void advanceTo(long value) {
        done = Math.min(total, Math.max(done, value));
        int decile = (int) (10 * done / total);
        if (interactive) {
            out.print("\r" + line());
            out.flush();
        } else if (decile != lastDecile) {
            out.println(line());
        }
        lastDecile = decile;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String line() {
        int filled = (int) (WIDTH * done / total);
        double elapsed = elapsedSeconds();
        String eta = done == 0 ? "?" : String.format(Locale.ROOT, "%.0fs", elapsed * (total - done) / done);
        return String.format(Locale.ROOT, "%-22s [%s%s] %3d%% %d/%d %.0fs eta %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / total, done, total, elapsed, eta);
    }

    @Override
    public synchronized void close() {
        if (done < total) {
            advanceTo(total);
        }
        if (interactive) {
            out.println();
        }
    }
}
