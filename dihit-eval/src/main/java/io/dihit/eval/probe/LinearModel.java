package io.dihit.eval.probe;

import io.dihit.eval.math.Vectors;

/** Logits z = W x + b; W row-major {@code [class][dim]}. */
public record LinearModel(int classes, int dim, float[] weights, float[] bias) {
    public LinearModel {
        if (weights.length != classes * dim || bias.length != classes) {
            throw new IllegalArgumentException("weights must be " + classes + "x" + dim + " and bias " + classes);
        }
    }

    public float[][] logits(float[][] x) {
        int d = Vectors.requireRectangular(x, "features");
        if (d != dim) {
            throw new IllegalArgumentException("feature dim " + d + " != model dim " + dim);
        }
        float[][] w = new float[classes][];
        for (int c = 0; c < classes; c++) {
            w[c] = java.util.Arrays.copyOfRange(weights, c * dim, (c + 1) * dim);
        }
        float[][] out = new float[x.length][classes];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < classes; c++) {
                out[i][c] = Vectors.dot(x[i], w[c]) + bias[c];
            }
        }
        return out;
    }

    /** Frobenius norm of W. */
    public double weightNorm() {
        double s = 0;
        for (float v : weights) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    public double biasNorm() {
        double s = 0;
        for (float v : bias) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** Accuracy and mean cross-entropy of logits against labels (used to score cross-validation folds). */
    record Fit(double accuracy, double loss) {
        static Fit of(float[][] logits, int[] y) {
            int hits = 0;
            double loss = 0;
            for (int i = 0; i < logits.length; i++) {
                float[] z = logits[i];
                double max = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int c = 0; c < z.length; c++) {
                    if (z[c] > max) {
                        max = z[c];
                        arg = c;
                    }
                }
                double sum = 0;
                for (float v : z) {
                    sum += Math.exp(v - max);
                }
                loss += Math.log(sum) - (z[y[i]] - max);
                if (arg == y[i]) {
                    hits++;
                }
            }
            return new Fit((double) hits / logits.length, loss / logits.length);
        }

        /** Higher accuracy wins; equal accuracy goes to the lower loss. */
        boolean betterThan(Fit other) {
            return accuracy > other.accuracy || (accuracy == other.accuracy && loss < other.loss);
        }
    }
}
