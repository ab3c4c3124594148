package io.dihit.eval.probe;

import io.dihit.eval.math.Vectors;

/**
 * Mean softmax cross-entropy of logits z_i = base_i + W x_i + b and its gradient in (W, b).
 * {@code base} is an optional fixed logit offset per sample (the scaled zero-shot logits of the DiHT probe);
 * W is row-major {@code [class][dim]}.
 */
interface SoftmaxObjective extends AutoCloseable {
    /** Above this many multiply-adds per evaluation (n * dim * classes) the engine's BLAS pays for its overhead. */
    long ENGINE_THRESHOLD = 20_000_000L;

    /** Returns the mean loss; writes d(loss)/dW into gw ([class][dim] flat) and d(loss)/db into gb. */
    double evaluate(float[] w, float[] b, double[] gw, double[] gb);

    @Override
    void close();

    /** Plain Java for small problems, the DJL engine (BLAS, or a GPU when present) for large ones. */
    static SoftmaxObjective create(float[][] x, int[] y, int classes, float[][] base, int threads) {
        return engineSized(x.length, x.length == 0 ? 0 : x[0].length, classes)
                ? new EngineSoftmaxObjective(x, y, classes, base)
                : new JavaSoftmaxObjective(x, y, classes, base, threads);
    }

    /** True when one evaluation over this many rows runs on several threads (the engine's BLAS always does). */
    static boolean spreadsOverThreads(int rows, int dim, int classes, int threads) {
        return engineSized(rows, dim, classes) || JavaSoftmaxObjective.tasks(rows, threads) > 1;
    }

    private static boolean engineSized(int rows, int dim, int classes) {
        return (long) rows * dim * classes >= ENGINE_THRESHOLD;
    }

    /** Checks shapes and labels; returns the feature dimension. */
    static int validate(float[][] x, int[] y, int classes, float[][] base) {
        int dim = Vectors.requireRectangular(x, "features");
        if (y.length != x.length) {
            throw new IllegalArgumentException(x.length + " feature rows but " + y.length + " labels");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of sample " + i + " outside [0, " + classes + ")");
            }
        }
        if (base != null && (base.length != x.length || base[0].length != classes)) {
            throw new IllegalArgumentException("base logits must be " + x.length + " x " + classes);
        }
        return dim;
    }
}
