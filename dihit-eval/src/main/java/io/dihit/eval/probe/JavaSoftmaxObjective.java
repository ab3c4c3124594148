package io.dihit.eval.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@link SoftmaxObjective} in plain Java: low overhead for small (few-shot) sets; large sets split over threads. */
final class JavaSoftmaxObjective implements SoftmaxObjective {
    private static final int MIN_ROWS_PER_TASK = 2048;

    private final float[][] x;
    private final int[] y;
    private final float[][] base;
    private final int classes;
    private final int dim;
    private final ExecutorService pool;
    private final int tasks;

    JavaSoftmaxObjective(float[][] x, int[] y, int classes, float[][] base, int threads) {
        this.dim = SoftmaxObjective.validate(x, y, classes, base);
        this.x = x;
        this.y = y;
        this.base = base;
        this.classes = classes;
        this.tasks = tasks(x.length, threads);
        this.pool = tasks > 1 ? Executors.newFixedThreadPool(tasks, r -> {
            Thread t = new Thread(r, "softmax-objective");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Row ranges one evaluation is split into: large sets over the threads, small ones not worth a hand-off. */
    static int tasks(int rows, int threads) {
        return Math.max(1, Math.min(threads, rows / MIN_ROWS_PER_TASK));
    }

    @Override
    public double evaluate(float[] flatW, float[] b, double[] gw, double[] gb) {
        // Transposed (dim x classes): the scores of a sample are then axpy's over the classes, which the JIT
        // vectorises, where a dot product per class is a reduction it cannot reorder.
        float[][] w = new float[dim][classes];
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < dim; d++) {
                w[d][c] = flatW[c * dim + d];
            }
        }
        java.util.Arrays.fill(gw, 0);
        java.util.Arrays.fill(gb, 0);
        if (pool == null) {
            return range(0, x.length, w, b, gw, gb) / x.length;
        }
        List<Future<double[][]>> parts = new ArrayList<>();
        int per = (x.length + tasks - 1) / tasks;
        for (int t = 0; t < tasks; t++) {
            int from = t * per;
            int to = Math.min(x.length, from + per);
            parts.add(pool.submit(() -> {
                double[] pw = new double[gw.length];
                double[] pb = new double[gb.length];
                double loss = range(from, to, w, b, pw, pb);
                return new double[][] {{loss}, pw, pb};
            }));
        }
        double loss = 0;
        try {
            for (Future<double[][]> f : parts) {
                double[][] r = f.get();
                loss += r[0][0];
                for (int i = 0; i < gw.length; i++) {
                    gw[i] += r[1][i];
                }
                for (int i = 0; i < gb.length; i++) {
                    gb[i] += r[2][i];
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("objective worker failed", e.getCause());
        }
        return loss / x.length;
    }

    /** Samples whose gradient is summed in float before it is added to the double totals. */
    private static final int FLUSH_EVERY = 128;

    /**
     * Summed (not mean) loss over [from, to); gradient sums are scaled by 1/n so the result is the mean's.
     * Gradients accumulate in float over short runs of samples (a float axpy vectorises twice as wide as a
     * double one) and are flushed into the double totals, which bounds the float rounding error.
     */
    private double range(int from, int to, float[][] w, float[] b, double[] gw, double[] gb) {
        double loss = 0;
        double inv = 1.0 / x.length;
        double[] z = new double[classes];
        float[] scores = new float[classes];
        float[][] partial = new float[classes][dim];
        int pending = 0;
        for (int i = from; i < to; i++) {
            float[] xi = x[i];
            java.util.Arrays.fill(scores, 0f);
            for (int d = 0; d < dim; d++) {
                float xd = xi[d];
                float[] wd = w[d];
                for (int c = 0; c < classes; c++) {
                    scores[c] += xd * wd[c];
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double v = scores[c] + b[c] + (base == null ? 0 : base[i][c]);
                z[c] = v;
                max = Math.max(max, v);
            }
            int yi = y[i];
            double shiftedTrue = z[yi] - max;
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            loss += Math.log(sum) - shiftedTrue;
            for (int c = 0; c < classes; c++) {
                double coef = (z[c] / sum - (c == yi ? 1 : 0)) * inv;
                gb[c] += coef;
                float cf = (float) coef;
                float[] g = partial[c];
                for (int d = 0; d < dim; d++) {
                    g[d] += cf * xi[d];
                }
            }
            if (++pending == FLUSH_EVERY || i == to - 1) {
                for (int c = 0; c < classes; c++) {
                    float[] g = partial[c];
                    int off = c * dim;
                    for (int d = 0; d < dim; d++) {
                        gw[off + d] += g[d];
                    }
                    java.util.Arrays.fill(g, 0f);
                }
                pending = 0;
            }
        }
        return loss;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
