package io.dihit.eval.probe;

import io.dihit.core.util.ParallelMap;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.zeroshot.ZeroShotClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DiHT's few-shot linear probe. Starting from the zero-shot classifier W0 (scaled by the logit multiplier s) it
 * learns a residual dW and a bias b minimising the mean cross-entropy of s * x.W0 + x.dW + b on the k-shot set,
 * subject to ||dW||_F &lt;= delta and ||b||_2 &lt;= delta_b, by projected gradient descent: every step is followed by
 * scaling dW and b back onto their balls. Step sizes are Barzilai-Borwein with Armijo backtracking along the
 * projected path (spectral projected gradient), so each accepted step lowers the loss.
 *
 * <p>delta and delta_b are chosen by stratified cross-validation over a grid on the k-shot set. Grid values are
 * relative, so one grid fits any model: delta = r * ||s W0||_F = r * s * sqrt(classes) and delta_b = rb * s.
 */
public final class FewShotProbe {

    /**
     * @param deltaGrid relative radii r for ||dW||_F (0 = keep the zero-shot weights)
     * @param biasGrid relative radii rb for ||b||
     * @param folds cross-validation folds (>= 2)
     * @param maxIterations projected-gradient steps per fit
     * @param tolerance stop when a step lowers the loss by less than tolerance * max(1, loss)
     * @param seed fold assignment
     * @param threads grid points cross-validated at once (results do not depend on it)
     */
    public record Config(double[] deltaGrid, double[] biasGrid, int folds, int maxIterations, double tolerance, long seed,
                         int threads) {
        public Config {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + threads);
            }
            checkGrid(deltaGrid, "deltaGrid");
            checkGrid(biasGrid, "biasGrid");
            if (folds < 2 || maxIterations < 1 || !(tolerance >= 0)) {
                throw new IllegalArgumentException("folds >= 2, maxIterations >= 1, tolerance >= 0");
            }
            deltaGrid = Arrays.stream(deltaGrid).sorted().toArray();
            biasGrid = Arrays.stream(biasGrid).sorted().toArray();
        }

        private static void checkGrid(double[] grid, String name) {
            if (grid == null || grid.length == 0) {
                throw new IllegalArgumentException(name + " is empty");
            }
            for (double v : grid) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(name + " values must be finite and >= 0: " + v);
                }
            }
        }

        /** One thread per core. */
        public Config(double[] deltaGrid, double[] biasGrid, int folds, int maxIterations, double tolerance, long seed) {
            this(deltaGrid, biasGrid, folds, maxIterations, tolerance, seed, Runtime.getRuntime().availableProcessors());
        }

        public static Config defaults() {
            return new Config(new double[] {0, 0.01, 0.03, 0.1, 0.3, 1, 3}, new double[] {0, 0.01, 0.1}, 3, 200, 1e-6, 0);
        }

        public Config withSeed(long s) {
            return new Config(deltaGrid, biasGrid, folds, maxIterations, tolerance, s, threads);
        }

        public Config withThreads(int n) {
            return new Config(deltaGrid, biasGrid, folds, maxIterations, tolerance, seed, n);
        }
    }

    /** Called after every accepted projected step (for monitoring, and for tests of the constraint). */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(int step, double loss, double deltaNorm, double biasNorm);

        StepListener NONE = (s, l, d, b) -> { };
    }

    public record CvPoint(double delta, double deltaBias, double accuracy, double loss) {}

    /** The fitted model with the absolute radii chosen, and the cross-validation grid. */
    public record Result(ResidualProbeModel model, double delta, double deltaBias, List<CvPoint> crossValidation) {}

    private FewShotProbe() {}

    /** Cross-validates (delta, delta_b) on the k-shot set, then refits on all of it. */
    public static Result fit(ZeroShotClassifier zeroShot, double logitMultiplier, float[][] features, int[] labels, Config cfg) {
        int classes = zeroShot.classNames().size();
        float[][] x = Vectors.normalizedRows(features);
        double deltaUnit = logitMultiplier * Math.sqrt(classes);
        List<CvPoint> curve = new ArrayList<>();
        double bestDelta = cfg.deltaGrid()[0] * deltaUnit;
        double bestBias = cfg.biasGrid()[0] * logitMultiplier;
        if (cfg.deltaGrid().length * cfg.biasGrid().length > 1) {
            int folds = Math.min(cfg.folds(), x.length);
            int[] fold = Folds.stratified(labels, classes, folds, cfg.seed());
            List<double[]> grid = new ArrayList<>();
            for (double r : cfg.deltaGrid()) {
                for (double rb : cfg.biasGrid()) {
                    grid.add(new double[] {r * deltaUnit, rb * logitMultiplier});
                }
            }
            curve.addAll(ParallelMap.map(grid, cfg.threads(), "probe-grid",
                    radii -> crossValidate(zeroShot, logitMultiplier, x, labels, fold, folds, radii[0], radii[1], cfg)));
            LinearModel.Fit bestFit = null;
            // First best in grid order, as a sequential scan would pick.
            for (CvPoint p : curve) {
                LinearModel.Fit fit = new LinearModel.Fit(p.accuracy(), p.loss());
                if (bestFit == null || fit.betterThan(bestFit)) {
                    bestFit = fit;
                    bestDelta = p.delta();
                    bestBias = p.deltaBias();
                }
            }
        }
        ResidualProbeModel model = train(zeroShot, logitMultiplier, x, labels, bestDelta, bestBias, cfg, StepListener.NONE);
        return new Result(model, bestDelta, bestBias, curve);
    }

    private static CvPoint crossValidate(ZeroShotClassifier zeroShot, double logitMultiplier, float[][] x, int[] labels, int[] fold,
                                         int folds, double delta, double deltaBias, Config cfg) {
        double acc = 0;
        double loss = 0;
        for (int f = 0; f < folds; f++) {
            int[] tr = Folds.select(fold, f, false);
            int[] va = Folds.select(fold, f, true);
            ResidualProbeModel m = train(zeroShot, logitMultiplier, Vectors.rows(x, tr), Vectors.pick(labels, tr), delta, deltaBias, cfg,
                    StepListener.NONE);
            float[][] logits = m.scores(Vectors.rows(x, va));
            scale(logits, logitMultiplier);
            LinearModel.Fit fit = LinearModel.Fit.of(logits, Vectors.pick(labels, va));
            acc += fit.accuracy() / folds;
            loss += fit.loss() / folds;
        }
        return new CvPoint(delta, deltaBias, acc, loss);
    }

    /** One constrained fit at fixed absolute radii (delta, deltaBias). */
    public static ResidualProbeModel train(ZeroShotClassifier zeroShot, double logitMultiplier, float[][] features, int[] labels,
                                           double delta, double deltaBias, Config cfg, StepListener listener) {
        if (!(delta >= 0) || !(deltaBias >= 0)) {
            throw new IllegalArgumentException("radii must be >= 0: delta=" + delta + " deltaBias=" + deltaBias);
        }
        int classes = zeroShot.classNames().size();
        int dim = zeroShot.dim();
        float[][] x = Vectors.normalizedRows(features);
        float[][] base = zeroShot.scores(x);
        scale(base, logitMultiplier);
        int nw = classes * dim;
        double[] p = new double[nw + classes];
        double[] g = new double[p.length];
        double[] pNew = new double[p.length];
        double[] gNew = new double[p.length];
        try (SoftmaxObjective objective = SoftmaxObjective.create(x, labels, classes, base, 1)) {
            Evaluator eval = new Evaluator(objective, nw, classes);
            double f = eval.at(p, g);
            // 1/L for the softmax loss with unit features plus a bias: L <= (||x||^2 + 1) / 2 = 1.
            double step = 1.0;
            for (int it = 1; it <= cfg.maxIterations(); it++) {
                double fNew = Double.NaN;
                double decrease = 0;
                boolean accepted = false;
                for (int backtrack = 0; backtrack < 40; backtrack++) {
                    for (int i = 0; i < p.length; i++) {
                        pNew[i] = p[i] - step * g[i];
                    }
                    project(pNew, nw, delta, deltaBias);
                    decrease = 0;
                    for (int i = 0; i < p.length; i++) {
                        decrease += g[i] * (pNew[i] - p[i]);
                    }
                    fNew = eval.at(pNew, gNew);
                    if (fNew <= f + 1e-4 * decrease) {
                        accepted = true;
                        break;
                    }
                    step *= 0.5;
                }
                if (!accepted) {
                    break;
                }
                listener.afterStep(it, fNew, norm(pNew, 0, nw), norm(pNew, nw, p.length));
                double ss = 0;
                double sy = 0;
                for (int i = 0; i < p.length; i++) {
                    double s = pNew[i] - p[i];
                    ss += s * s;
                    sy += s * (gNew[i] - g[i]);
                }
                double previous = f;
                System.arraycopy(pNew, 0, p, 0, p.length);
                System.arraycopy(gNew, 0, g, 0, g.length);
                f = fNew;
                if (ss == 0 || previous - f <= cfg.tolerance() * Math.max(1.0, Math.abs(f))) {
                    break;
                }
                // Barzilai-Borwein step, kept within sane bounds.
                step = sy > 0 ? Math.min(1e6, Math.max(1e-4, ss / sy)) : 1e3;
            }
        }
        float[] w = new float[nw];
        float[] b = new float[classes];
        for (int i = 0; i < nw; i++) {
            w[i] = (float) p[i];
        }
        for (int c = 0; c < classes; c++) {
            b[c] = (float) p[nw + c];
        }
        return new ResidualProbeModel(zeroShot, logitMultiplier, new LinearModel(classes, dim, w, b));
    }

    /** Scales dW onto the Frobenius ball of radius delta and b onto the ball of radius deltaBias. */
    static void project(double[] p, int nw, double delta, double deltaBias) {
        shrink(p, 0, nw, delta);
        shrink(p, nw, p.length, deltaBias);
    }

    private static void shrink(double[] p, int from, int to, double radius) {
        double n = norm(p, from, to);
        if (n > radius) {
            double k = radius / n;
            for (int i = from; i < to; i++) {
                p[i] *= k;
            }
        }
    }

    private static double norm(double[] p, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += p[i] * p[i];
        }
        return Math.sqrt(s);
    }

    private static void scale(float[][] m, double k) {
        for (float[] row : m) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) (row[c] * k);
            }
        }
    }

    /** Adapts the double parameter vector [dW | b] to the float objective. */
    private static final class Evaluator {
        private final SoftmaxObjective objective;
        private final int nw;
        private final float[] w;
        private final float[] b;
        private final double[] gw;
        private final double[] gb;

        Evaluator(SoftmaxObjective objective, int nw, int classes) {
            this.objective = objective;
            this.nw = nw;
            this.w = new float[nw];
            this.b = new float[classes];
            this.gw = new double[nw];
            this.gb = new double[classes];
        }

        double at(double[] p, double[] g) {
            for (int i = 0; i < nw; i++) {
                w[i] = (float) p[i];
            }
            for (int c = 0; c < b.length; c++) {
                b[c] = (float) p[nw + c];
            }
            double f = objective.evaluate(w, b, gw, gb);
            System.arraycopy(gw, 0, g, 0, nw);
            System.arraycopy(gb, 0, g, nw, b.length);
            return f;
        }
    }
}
