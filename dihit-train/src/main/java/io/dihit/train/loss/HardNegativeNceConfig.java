package io.dihit.train.loss;

/**
 * HN-NCE hyper-parameters. alpha weighs the positive in the denominator (alpha = 1, beta = 0 is
 * InfoNCE); beta1 / beta2 sharpen the weighting of hard negatives for image-to-text /
 * text-to-image; detachWeights stops gradients through the importance weights.
 * Defaults (alpha 1, beta 0.5 / 0.5) follow DESIGN.md; the paper's values are not in public code.
 */
public record HardNegativeNceConfig(double alpha, double beta1, double beta2, boolean detachWeights) {

    public static final HardNegativeNceConfig DEFAULT = new HardNegativeNceConfig(1.0, 0.5, 0.5, false);

    public HardNegativeNceConfig {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        if (!Double.isFinite(beta1) || !Double.isFinite(beta2) || beta1 < 0 || beta2 < 0) {
            throw new IllegalArgumentException("beta1 and beta2 must be finite and >= 0, got " + beta1 + ", " + beta2);
        }
    }
}
