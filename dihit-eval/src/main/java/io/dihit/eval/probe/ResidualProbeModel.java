package io.dihit.eval.probe;

import io.dihit.eval.math.Vectors;
import io.dihit.eval.zeroshot.ZeroShotClassifier;

/**
 * The DiHT few-shot classifier: logits = s * x.W0 + x.dW + b for L2-normalised x, where W0 are the zero-shot
 * class vectors and s the logit scale (exp of the model's learned log scale).
 * {@link #scores} reports logits / s, so with dW = 0 and b = 0 they are exactly the zero-shot scores.
 */
public record ResidualProbeModel(ZeroShotClassifier zeroShot, double logitScale, LinearModel residual) {
    public ResidualProbeModel {
        if (!(logitScale > 0) || Double.isInfinite(logitScale)) {
            throw new IllegalArgumentException("logit scale must be positive and finite: " + logitScale);
        }
        if (residual.classes() != zeroShot.classNames().size() || residual.dim() != zeroShot.dim()) {
            throw new IllegalArgumentException("residual shape does not match the zero-shot classifier");
        }
    }

    /** Zero-shot cosine plus residual logits / s, {@code [sample][class]}. */
    public float[][] scores(float[][] features) {
        float[][] cos = zeroShot.scores(features);
        float[][] extra = residual.logits(Vectors.normalizedRows(features));
        float inv = (float) (1.0 / logitScale);
        for (int i = 0; i < cos.length; i++) {
            for (int c = 0; c < cos[i].length; c++) {
                cos[i][c] += extra[i][c] * inv;
            }
        }
        return cos;
    }

    /** ||dW||_F. */
    public double deltaNorm() {
        return residual.weightNorm();
    }

    /** ||b||_2. */
    public double biasNorm() {
        return residual.biasNorm();
    }
}
