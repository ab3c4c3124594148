package io.dihit.eval.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Accuracy figures of a classifier on a labelled set.
 *
 * @param top1 fraction of samples whose highest score is the true class
 * @param top5 fraction whose true class is among the five highest scores (top-k with k = min(5, classes))
 * @param perClassAccuracy per class, the fraction of that class's samples classified correctly (its recall);
 *     NaN for a class with no samples
 * @param meanPerClassRecall mean of perClassAccuracy over the classes that have samples
 * @param samples number of samples scored
 */
public record ClassificationMetrics(double top1, double top5, double[] perClassAccuracy,
                                    double meanPerClassRecall, int samples) {

    /**
     * Computes the metrics from a score matrix {@code scores[sample][class]} and true labels.
     * Ties are broken pessimistically: a wrong class with the same score as the true class ranks ahead of it,
     * so a constant classifier scores zero rather than looking perfect.
     */
    public static ClassificationMetrics fromScores(float[][] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " score rows but " + labels.length + " labels");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("no samples to score");
        }
        int classes = scores[0].length;
        int k5 = Math.min(5, classes);
        int hit1 = 0;
        int hit5 = 0;
        int[] perClassTotal = new int[classes];
        int[] perClassHit = new int[classes];
        for (int i = 0; i < scores.length; i++) {
            float[] row = scores[i];
            if (row.length != classes) {
                throw new IllegalArgumentException("score row " + i + " has " + row.length + " classes, expected " + classes);
            }
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of sample " + i + " outside [0, " + classes + ")");
            }
            int rank = rankOfTrue(row, y);
            perClassTotal[y]++;
            if (rank == 0) {
                hit1++;
                perClassHit[y]++;
            }
            if (rank < k5) {
                hit5++;
            }
        }
        double[] perClass = new double[classes];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (perClassTotal[c] == 0) {
                perClass[c] = Double.NaN;
            } else {
                perClass[c] = (double) perClassHit[c] / perClassTotal[c];
                sum += perClass[c];
                present++;
            }
        }
        return new ClassificationMetrics((double) hit1 / scores.length, (double) hit5 / scores.length,
                perClass, sum / present, scores.length);
    }

    /** Number of other classes scoring at least as high as the true one (NaN scores count as ahead). */
    static int rankOfTrue(float[] row, int y) {
        float truth = row[y];
        int rank = 0;
        for (int c = 0; c < row.length; c++) {
            if (c != y && !(row[c] < truth)) {
                rank++;
            }
        }
        return rank;
    }

    /** Per-class accuracy keyed by class name, for reports. */
    public List<ClassAccuracy> perClass(List<String> classNames) {
        if (classNames.size() != perClassAccuracy.length) {
            throw new IllegalArgumentException(classNames.size() + " names for " + perClassAccuracy.length + " classes");
        }
        return java.util.stream.IntStream.range(0, perClassAccuracy.length)
                .mapToObj(c -> new ClassAccuracy(classNames.get(c), perClassAccuracy[c]))
                .toList();
    }

    public record ClassAccuracy(String className, double accuracy) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics m && top1 == m.top1 && top5 == m.top5
                && Arrays.equals(perClassAccuracy, m.perClassAccuracy) && meanPerClassRecall == m.meanPerClassRecall
                && samples == m.samples;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(top1) * 31 + Arrays.hashCode(perClassAccuracy);
    }

    @Override
    public String toString() {
        return String.format("top1=%.4f top5=%.4f meanPerClassRecall=%.4f n=%d", top1, top5, meanPerClassRecall, samples);
    }
}
