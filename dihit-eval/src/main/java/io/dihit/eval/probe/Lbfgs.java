package io.dihit.eval.probe;

/**
 * Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search, for smooth convex
 * objectives such as L2-regularised logistic regression.
 */
final class Lbfgs {
    /** f(x), writing the gradient into g. */
    interface Function {
        double valueAndGradient(double[] x, double[] g);
    }

    record Result(double value, int iterations, boolean converged) {}

    /** Stop when an iteration lowers f by less than this fraction (SciPy's L-BFGS-B default ftol is 2.2e-9). */
    static final double RELATIVE_DECREASE_TOLERANCE = 1e-9;

    private final int history;
    private final int maxIterations;
    private final double gradientTolerance;

    Lbfgs(int history, int maxIterations, double gradientTolerance) {
        this.history = history;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
    }

    /** Minimises f starting from x (updated in place). */
    Result minimize(Function f, double[] x) {
        int n = x.length;
        double[][] s = new double[history][n];
        double[][] yv = new double[history][n];
        double[] rho = new double[history];
        double[] alpha = new double[history];
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] xNew = new double[n];
        double fx = f.valueAndGradient(x, g);
        int stored = 0;
        int head = 0;
        for (int iter = 0; iter < maxIterations; iter++) {
            if (maxAbs(g) < gradientTolerance) {
                return new Result(fx, iter, true);
            }
            // Two-loop recursion: d = -H g.
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(head - 1 - k, history);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], yv[j], d);
            }
            double gamma = 1.0;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, history);
                gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
            } else {
                gamma = 1.0 / Math.max(1.0, Math.sqrt(dot(g, g)));
            }
            scale(d, gamma);
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(head - 1 - k, history);
                double beta = rho[j] * dot(yv[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) {
                // Not a descent direction (curvature information went stale): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = -dot(g, g);
            }
            double step = 1.0;
            double fNew;
            int backtracks = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || backtracks >= 40) {
                    break;
                }
                step *= 0.5;
                backtracks++;
            }
            if (!(fNew <= fx)) {
                return new Result(fx, iter, false);
            }
            for (int i = 0; i < n; i++) {
                s[head][i] = xNew[i] - x[i];
                yv[head][i] = gNew[i] - g[i];
            }
            double sy = dot(s[head], yv[head]);
            if (sy > 1e-12) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % history;
                stored = Math.min(stored + 1, history);
            }
            double previous = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (previous - fx <= RELATIVE_DECREASE_TOLERANCE * Math.max(1.0, Math.abs(fx))) {
                return new Result(fx, iter + 1, true);
            }
        }
        return new Result(fx, maxIterations, false);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
