package io.dihit.eval.probe;

import io.dihit.eval.math.Vectors;
import io.dihit.eval.zeroshot.ZeroShotClassifier;

/**
 * The DiHT few-shot classifier: logits = s * x.W0 + x.dW + b for L2-normalised x, where W0 are the zero-shot
 * class vectors and s the logit multiplier (exp of the model's learned log logit scale).
 * {@link #scores} reports logits / s, so with dW = 0 and b = 0 they are exactly the zero-shot scores.
 */
public record ResidualProbeModel(ZeroShotClassifier zeroShot, double logitMultiplier, LinearModel residual) {
    public ResidualProbeModel {
        if (!(logitMultiplier > 0) || Double.isInfinite(logitMultiplier)) {
            throw new IllegalArgumentException("logit multiplier must be positive and finite: " + logitMultiplier);
        }
        if (residual.classes() != zeroShot.classNames().size() || residual.dim() != zeroShot.dim()) {
            throw new IllegalArgumentException("residual shape does not match the zero-shot classifier");
        }
    }

    /** Zero-shot cosine plus residual logits / s, {@code [sample][class]}. */
    public float[][] scores(float[][] features) {
        float[][] cos = zeroShot.scores(features);
        float[][] extra = residual.logits(Vectors.normalizedRows(features));
        float inv = (float) (1.0 / logitMultiplier);
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
