package io.dihit.train;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, a plain line every 5% otherwise
 * (logs and CI output stay readable).
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final boolean terminal;
    private long lastPercentPrinted = -1;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
        this.terminal = System.console() != null;
    }

    void update(long step, double loss, double lr, double samplesPerSecond, Duration eta) {
        long percent = 100 * step / total;
        if (!terminal && percent / 5 == lastPercentPrinted / 5 && step != total) {
            return;
        }
        lastPercentPrinted = percent;
        int filled = (int) (WIDTH * step / total);
        String line = String.format("step %d/%d [%s%s] %3d%% loss %.4f lr %.2e %.1f samples/s eta %s", step, total,
                "#".repeat(filled), "-".repeat(WIDTH - filled), percent, loss, lr, samplesPerSecond, format(eta));
        if (terminal) {
            out.print("\r" + line + (step == total ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
