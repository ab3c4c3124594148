package io.dihit.eval.embed;

import java.io.PrintStream;

/**
 * A throttled text progress bar ("[=====>    ] 1200/5000 images 85.3/s ETA 44s"). On a terminal it redraws
 * one line; otherwise (logs, CI) it prints a line at every 10%.
 */
public final class ProgressBar {
    private static final long REDRAW_NANOS = 500_000_000L;

    private final String unit;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;
    private long done;

    public ProgressBar(String unit, long total) {
        this(unit, total, System.err, System.console() != null);
    }

    ProgressBar(String unit, long total, PrintStream out, boolean interactive) {
        this.unit = unit;
        this.total = total;
        this.out = out;
        this.interactive = interactive;
    }

    public synchronized void advance(long n) {
        done += n;
        long now = System.nanoTime();
        int decile = total == 0 ? 10 : (int) (10 * done / total);
        if (interactive ? now - lastDraw >= REDRAW_NANOS || done >= total : decile > lastDecile) {
            lastDraw = now;
            lastDecile = decile;
            out.print((interactive ? "\r" : "") + line(now) + (interactive ? "" : System.lineSeparator()));
            out.flush();
        }
    }

    public synchronized void finish() {
        if (interactive) {
            out.println();
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < width; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        return String.format("%s %d/%d %s %.1f/s ETA %s", bar, done, total, unit, rate, eta < 0 ? "?" : eta + "s");
    }
}
