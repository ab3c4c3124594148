package io.dihit.eval.probe;

import io.dihit.core.util.ParallelMap;
import io.dihit.eval.math.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain linear probe: multinomial logistic regression on frozen features, minimising
 * mean CE + lambda/2 ||W||_F^2 (bias not penalised) with L-BFGS; lambda chosen by stratified k-fold
 * cross-validation on the training set, then the model is refit on all of it.
 */
public final class LinearProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LinearProbe.class);

    /**
     * @param lambdas L2 strengths tried (any order)
     * @param folds cross-validation folds (>= 2)
     * @param maxIterations L-BFGS iterations per fit
     * @param cvMaxSamples cross-validation uses at most this many training samples (a random subset) so the
     *     search stays cheap on large sets; the final fit uses all
     * @param seed fold assignment and subset
     * @param threads worker threads for the objective
     */
    public record Config(double[] lambdas, int folds, int maxIterations, int cvMaxSamples, long seed, int threads) {
        public Config {
            if (lambdas == null || lambdas.length == 0) {
                throw new IllegalArgumentException("need at least one lambda");
            }
            for (double l : lambdas) {
                if (!(l >= 0) || Double.isInfinite(l)) {
                    throw new IllegalArgumentException("lambda must be finite and >= 0: " + l);
                }
            }
            if (folds < 2 || maxIterations < 1 || cvMaxSamples < folds || threads < 1) {
                throw new IllegalArgumentException("folds >= 2, maxIterations >= 1, cvMaxSamples >= folds, threads >= 1");
            }
            lambdas = lambdas.clone();
        }

        public static Config defaults() {
            return new Config(new double[] {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1}, 3, 300, 10_000, 0,
                    Runtime.getRuntime().availableProcessors());
        }

        public Config withSeed(long s) {
            return new Config(lambdas, folds, maxIterations, cvMaxSamples, s, threads);
        }

        public Config withThreads(int n) {
            return new Config(lambdas, folds, maxIterations, cvMaxSamples, seed, n);
        }

        public Config withLambdas(double... l) {
            return new Config(l, folds, maxIterations, cvMaxSamples, seed, threads);
        }
    }

    /** One point of the cross-validation curve. */
    public record CvPoint(double lambda, double accuracy, double loss) {}

    public record Result(LinearModel model, double lambda, List<CvPoint> crossValidation) {}

    private LinearProbe() {}

    public static Result fit(float[][] x, int[] y, int classes, Config cfg) {
        int dim = Vectors.requireRectangular(x, "features");
        double[] lambdas = Arrays.stream(cfg.lambdas()).boxed().sorted((a, b) -> Double.compare(b, a))
                .mapToDouble(Double::doubleValue).toArray();
        double best = lambdas[0];
        LinearModel warmStart = null;
        List<CvPoint> curve = new ArrayList<>();
        if (lambdas.length > 1) {
            int[] subset = subset(x.length, cfg.cvMaxSamples(), cfg.seed());
            float[][] xs = Vectors.rows(x, subset);
            int[] ys = Vectors.pick(y, subset);
            int folds = Math.min(cfg.folds(), xs.length);
            int[] fold = Folds.stratified(ys, classes, folds, cfg.seed());
            // Within a fold, strong to weak regularisation, each fit warm-started from the previous. Few-shot sized
            // folds run side by side on one thread each; large ones one after another, each objective on all threads.
            boolean small = !SoftmaxObjective.spreadsOverThreads(xs.length, dim, classes, cfg.threads());
            Config perFold = small ? cfg.withThreads(1) : cfg;
            List<FoldPath> paths = ParallelMap.map(IntStream.range(0, folds).boxed().toList(), small ? cfg.threads() : 1,
                    "probe-folds", f -> regularisationPath(xs, ys, fold, f, classes, lambdas, perFold));
            double[] acc = new double[lambdas.length];
            double[] loss = new double[lambdas.length];
            LinearModel[] lastFold = paths.get(folds - 1).models();
            for (FoldPath path : paths) {
                for (int l = 0; l < lambdas.length; l++) {
                    acc[l] += path.fits()[l].accuracy() / folds;
                    loss[l] += path.fits()[l].loss() / folds;
                }
            }
            LinearModel.Fit bestFit = null;
            for (int l = 0; l < lambdas.length; l++) {
                LinearModel.Fit fit = new LinearModel.Fit(acc[l], loss[l]);
                curve.add(new CvPoint(lambdas[l], acc[l], loss[l]));
                if (bestFit == null || fit.betterThan(bestFit)) {
                    bestFit = fit;
                    best = lambdas[l];
                    warmStart = lastFold[l];
                }
            }
            LOG.debug("linear probe CV over {} samples, {} folds: lambda={} acc={}", xs.length, folds, best, bestFit.accuracy());
        }
        // The final fit starts from the winning lambda's fold model: same penalty, most of the data, so it needs
        // far fewer iterations than a cold start.
        return new Result(train(x, y, classes, best, warmStart, cfg), best, curve);
    }

    private record FoldPath(LinearModel[] models, LinearModel.Fit[] fits) {}

    private static FoldPath regularisationPath(float[][] xs, int[] ys, int[] fold, int f, int classes, double[] lambdas, Config cfg) {
        int[] tr = Folds.select(fold, f, false);
        int[] va = Folds.select(fold, f, true);
        float[][] xt = Vectors.rows(xs, tr);
        int[] yt = Vectors.pick(ys, tr);
        float[][] xv = Vectors.rows(xs, va);
        int[] yv = Vectors.pick(ys, va);
        LinearModel[] models = new LinearModel[lambdas.length];
        LinearModel.Fit[] fits = new LinearModel.Fit[lambdas.length];
        LinearModel warm = null;
        for (int l = 0; l < lambdas.length; l++) {
            warm = train(xt, yt, classes, lambdas[l], warm, cfg);
            models[l] = warm;
            fits[l] = LinearModel.Fit.of(warm.logits(xv), yv);
        }
        return new FoldPath(models, fits);
    }

    /** One L-BFGS fit at a fixed lambda. */
    static LinearModel train(float[][] x, int[] y, int classes, double lambda, LinearModel warm, Config cfg) {
        int dim = x[0].length;
        int nw = classes * dim;
        double[] params = new double[nw + classes];
        if (warm != null) {
            for (int i = 0; i < nw; i++) {
                params[i] = warm.weights()[i];
            }
            for (int c = 0; c < classes; c++) {
                params[nw + c] = warm.bias()[c];
            }
        }
        float[] w = new float[nw];
        float[] b = new float[classes];
        double[] gw = new double[nw];
        double[] gb = new double[classes];
        try (SoftmaxObjective objective = SoftmaxObjective.create(x, y, classes, null, cfg.threads())) {
            Lbfgs.Function f = (p, g) -> {
                double reg = 0;
                for (int i = 0; i < nw; i++) {
                    w[i] = (float) p[i];
                    reg += p[i] * p[i];
                }
                for (int c = 0; c < classes; c++) {
                    b[c] = (float) p[nw + c];
                }
                double value = objective.evaluate(w, b, gw, gb) + 0.5 * lambda * reg;
                for (int i = 0; i < nw; i++) {
                    g[i] = gw[i] + lambda * p[i];
                }
                System.arraycopy(gb, 0, g, nw, classes);
                return value;
            };
            new Lbfgs(10, cfg.maxIterations(), 1e-6).minimize(f, params);
        }
        float[] weights = new float[nw];
        float[] bias = new float[classes];
        for (int i = 0; i < nw; i++) {
            weights[i] = (float) params[i];
        }
        for (int c = 0; c < classes; c++) {
            bias[c] = (float) params[nw + c];
        }
        return new LinearModel(classes, dim, weights, bias);
    }

    private static int[] subset(int n, int max, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, max);
    }
}
