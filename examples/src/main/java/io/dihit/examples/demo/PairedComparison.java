package io.dihit.examples.demo;

import java.util.List;
import java.util.Locale;

/**
 * A paired comparison of two variants over the same replicates (fold x seed): the mean of the
 * per-replicate differences {@code after - before} with a two-sided 95 % Student-t interval. A gain
 * <em>reproduces</em> only when the whole interval lies above 0 and there are at least
 * {@link #MIN_REPLICATES} replicates: with two, metrics that move in whole test images (1/1,857 for
 * R@1) often differ by exactly the same amount in both, and a zero-width interval would "prove" a
 * one-image change. With one replicate there is no interval.
 *
 * @param n              paired replicates
 * @param meanDifference mean of {@code after - before}
 * @param stdDifference  sample standard deviation of the differences (0 when n = 1)
 * @param low            lower end of the 95 % interval (NaN when n = 1)
 * @param high           upper end of the 95 % interval (NaN when n = 1)
 */
public record PairedComparison(int n, double meanDifference, double stdDifference, double low, double high) {

    /** What the interval says. */
    public enum Verdict {
        /** the interval lies above 0: the gain reproduces */
        GAIN("reproduces"),
        /** the interval lies below 0: the step makes the metric worse */
        LOSS("opposite"),
        /** the interval contains 0 */
        UNRESOLVED("not shown (interval contains 0)"),
        /** fewer than {@link PairedComparison#MIN_REPLICATES} replicates: no verdict */
        TOO_FEW("too few replicates for a verdict");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Replicates needed before an interval can give a verdict. */
    public static final int MIN_REPLICATES = 3;

    /** Two-sided 95 % quantiles t_{0.975, df} for df = 1..30 (standard tables). */
    private static final double[] T975 = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
            2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
            2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};

    /** Beyond 30: the tabled values at 40, 60, 120 and infinity, interpolated linearly in 1/df (error < 1e-3). */
    private static final double[][] T975_TAIL = {{30, 2.0423}, {40, 2.0211}, {60, 2.0003}, {120, 1.9799}, {Double.POSITIVE_INFINITY, 1.9600}};

    public PairedComparison {
        if (n < 1) {
            throw new IllegalArgumentException("a paired comparison needs at least one replicate");
        }
    }

    /** From the per-replicate values of the two variants, in the same replicate order. */
    public static PairedComparison of(List<Double> before, List<Double> after) {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException("paired values differ in count: " + before.size() + " vs " + after.size());
        }
        double[] d = new double[before.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = after.get(i) - before.get(i);
        }
        return ofDifferences(d);
    }

    public static PairedComparison ofDifferences(double[] differences) {
        int n = differences.length;
        if (n == 0) {
            throw new IllegalArgumentException("no paired replicates");
        }
        double mean = 0;
        for (double d : differences) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("paired difference is not finite: " + d);
            }
            mean += d / n;
        }
        if (n == 1) {
            return new PairedComparison(1, mean, 0, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double d : differences) {
            ss += (d - mean) * (d - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double half = t975(n - 1) * std / Math.sqrt(n);
        return new PairedComparison(n, mean, std, mean - half, mean + half);
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom. */
    public static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be positive: " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        for (int i = 1; i < T975_TAIL.length; i++) {
            if (df <= T975_TAIL[i][0]) {
                double x0 = 1 / T975_TAIL[i - 1][0];
                double x1 = 1 / T975_TAIL[i][0];
                double w = (1.0 / df - x0) / (x1 - x0);
                return T975_TAIL[i - 1][1] + w * (T975_TAIL[i][1] - T975_TAIL[i - 1][1]);
            }
        }
        throw new AssertionError("unreachable: the table ends at infinity");
    }

    public Verdict verdict() {
        if (n < MIN_REPLICATES) {
            return Verdict.TOO_FEW;
        }
        return low > 0 ? Verdict.GAIN : high < 0 ? Verdict.LOSS : Verdict.UNRESOLVED;
    }

    /** True only when the 95 % interval lies entirely above 0. */
    public boolean reproduces() {
        return verdict() == Verdict.GAIN;
    }

    /** In points of percent (values are fractions): "+2.3 [+0.4, +4.2]", or "+2.3 (n = 1)". */
    public String percentPoints() {
        if (n < 2) {
            return String.format(Locale.ROOT, "%+.1f (n = 1)", 100 * meanDifference);
        }
        return String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", 100 * meanDifference, 100 * low, 100 * high);
    }
}
