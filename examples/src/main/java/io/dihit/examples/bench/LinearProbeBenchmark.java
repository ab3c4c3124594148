package io.dihit.examples.bench;

import io.dihit.eval.data.FashionMnist;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.metrics.ClassificationMetrics;
import io.dihit.eval.probe.LinearProbe;
import java.util.Random;

/**
 * Linear-probe time at the scale of a real evaluation: all 60,000 Fashion-MNIST training images as 256-d
 * features (a fixed random projection of the pixels, L2-normalised: a model-free stand-in for CLIP embeddings),
 * L2 chosen by 3-fold cross-validation on a 10,000-sample subset over 6 values, final fit on all 60,000,
 * accuracy on the 10,000 test images.
 * Usage: {@code LinearProbeBenchmark [dim=256] [threads=2]}.
 */
public final class LinearProbeBenchmark {
    private LinearProbeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int dim = RetrievalBenchmark.arg(args, 0, 256);
        int threads = RetrievalBenchmark.arg(args, 1, 2);
        FashionMnist train = FashionMnist.load(FashionMnist.Split.TRAIN);
        FashionMnist test = FashionMnist.load(FashionMnist.Split.TEST);
        float[][] projection = new float[dim][28 * 28];
        Random rnd = new Random(0);
        for (float[] row : projection) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) rnd.nextGaussian();
            }
        }
        float[][] xTrain = project(train, projection);
        float[][] xTest = project(test, projection);
        LinearProbe.Config cfg = LinearProbe.Config.defaults();
        cfg = new LinearProbe.Config(cfg.lambdas(), cfg.folds(), cfg.maxIterations(), cfg.cvMaxSamples(), cfg.seed(), threads);
        long t0 = System.nanoTime();
        long cpu0 = RetrievalBenchmark.processCpuNanos();
        LinearProbe.Result r = LinearProbe.fit(xTrain, train.labels(), 10, cfg);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (RetrievalBenchmark.processCpuNanos() - cpu0) / 1e9;
        ClassificationMetrics m = ClassificationMetrics.fromScores(r.model().logits(xTest), test.labels());
        System.out.printf("linear probe %d x %d, %d classes, CV %d lambdas x %d folds on %d + final fit: %.1f s wall,"
                        + " process CPU %.1f s; lambda %.0e, test top-1 %.4f%n",
                xTrain.length, dim, 10, cfg.lambdas().length, cfg.folds(), cfg.cvMaxSamples(), wall, cpu, r.lambda(), m.top1());
    }

    private static float[][] project(FashionMnist data, float[][] projection) {
        float[][] out = new float[data.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] px = data.pixelFeatures(i);
            float[] f = new float[projection.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = Vectors.dot(projection[j], px);
            }
            out[i] = f;
        }
        return Vectors.normalizedRows(out);
    }
}
