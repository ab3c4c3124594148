package io.dihit.eval.probe;

import io.dihit.eval.math.Vectors;
import io.dihit.eval.metrics.ClassificationMetrics;
import io.dihit.eval.zeroshot.ZeroShotClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few-shot protocol: for each shot count k and each of several random samplings of k training examples per
 * class, fit the DiHT probe and a plain logistic-regression probe on the k-shot set (each with its own
 * cross-validation), and measure top-1 accuracy on the full test split; the zero-shot classifier is the k = 0
 * reference. Both probes see the same L2-normalised features.
 */
public final class FewShotBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(FewShotBenchmark.class);

    /**
     * @param shots shot counts, e.g. 1, 2, 4, 8, 16
     * @param samplings random k-shot draws per shot count (>= 1; use >= 3 for a spread)
     * @param seed base seed of the draws
     */
    public record Config(int[] shots, int samplings, long seed, FewShotProbe.Config diht, LinearProbe.Config linear) {
        public Config {
            if (shots == null || shots.length == 0 || Arrays.stream(shots).anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException("shots must be >= 1: " + Arrays.toString(shots));
            }
            if (samplings < 1) {
                throw new IllegalArgumentException("samplings must be >= 1");
            }
            shots = shots.clone();
        }

        public static Config defaults() {
            return new Config(new int[] {1, 2, 4, 8, 16}, 3, 0, FewShotProbe.Config.defaults(), LinearProbe.Config.defaults());
        }
    }

    /** Mean and sample standard deviation over samplings, with the individual values. */
    public record Summary(double mean, double std, List<Double> runs) {
        static Summary of(List<Double> runs) {
            double mean = runs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = 0;
            for (double v : runs) {
                var += (v - mean) * (v - mean);
            }
            double std = runs.size() > 1 ? Math.sqrt(var / (runs.size() - 1)) : 0;
            return new Summary(mean, std, List.copyOf(runs));
        }
    }

    /** One shot count: accuracies of both probes and what cross-validation chose in each sampling. */
    public record ShotResult(int shots, Summary diht, Summary linear, List<Double> chosenDelta,
                             List<Double> chosenDeltaBias, List<Double> chosenLambda) {}

    public record Result(double zeroShotTop1, int trainSize, int testSize, int classes, int samplings,
                         List<ShotResult> shots) {}

    private FewShotBenchmark() {}

    public static Result run(ZeroShotClassifier zeroShot, double logitMultiplier, float[][] trainX, int[] trainY,
                             float[][] testX, int[] testY, Config cfg) {
        int classes = zeroShot.classNames().size();
        if (classes < 2) {
            throw new IllegalArgumentException("the few-shot probes need at least 2 classes, the data has " + classes);
        }
        float[][] train = Vectors.normalizedRows(trainX);
        float[][] test = Vectors.normalizedRows(testX);
        double zs = ClassificationMetrics.fromScores(zeroShot.scores(test), testY).top1();
        LOG.info("few-shot: zero-shot top-1 {} on {} test samples", String.format("%.4f", zs), test.length);
        List<List<Integer>> byClass = KShotSampler.byClass(trainY, classes);
        List<ShotResult> rows = new ArrayList<>();
        for (int k : cfg.shots()) {
            List<Double> diht = new ArrayList<>();
            List<Double> linear = new ArrayList<>();
            List<Double> delta = new ArrayList<>();
            List<Double> deltaBias = new ArrayList<>();
            List<Double> lambda = new ArrayList<>();
            for (int s = 0; s < cfg.samplings(); s++) {
                long seed = cfg.seed() + 1_000_003L * k + s;
                int[] pick = KShotSampler.sample(byClass, k, seed);
                float[][] x = Vectors.rows(train, pick);
                int[] y = Vectors.pick(trainY, pick);
                FewShotProbe.Result d = FewShotProbe.fit(zeroShot, logitMultiplier, x, y, cfg.diht().withSeed(seed));
                LinearProbe.Result l = LinearProbe.fit(x, y, classes, cfg.linear().withSeed(seed));
                diht.add(ClassificationMetrics.fromScores(d.model().scores(test), testY).top1());
                linear.add(ClassificationMetrics.fromScores(l.model().logits(test), testY).top1());
                delta.add(d.delta());
                deltaBias.add(d.deltaBias());
                lambda.add(l.lambda());
            }
            ShotResult row = new ShotResult(k, Summary.of(diht), Summary.of(linear), delta, deltaBias, lambda);
            LOG.info("few-shot k={}: DiHT probe {} +- {}, plain probe {} +- {}", k,
                    String.format("%.4f", row.diht().mean()), String.format("%.4f", row.diht().std()),
                    String.format("%.4f", row.linear().mean()), String.format("%.4f", row.linear().std()));
            rows.add(row);
        }
        return new Result(zs, train.length, test.length, classes, cfg.samplings(), rows);
    }
}
