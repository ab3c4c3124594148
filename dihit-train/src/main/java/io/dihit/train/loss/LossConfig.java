package io.dihit.train.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The contrastive loss of a run, JSON {@code {"type": "hn_nce" | "info_nce", "alpha": 1, "beta1": 0.5,
 * "beta2": 0.5, "detach_weights": false}}. For HN-NCE, alpha weighs the positive in the denominator
 * (alpha = 1, beta = 0 is InfoNCE); beta1 / beta2 sharpen the weighting of hard negatives for
 * image-to-text / text-to-image; detachWeights stops gradients through the importance weights.
 * InfoNCE ignores them. Absent JSON fields take the defaults of docs/method.md.
 */
public record LossConfig(
        @JsonProperty("type") String type,
        @JsonProperty("alpha") double alpha,
        @JsonProperty("beta1") double beta1,
        @JsonProperty("beta2") double beta2,
        @JsonProperty("detach_weights") boolean detachWeights) {

    public static final String HN_NCE = "hn_nce";
    public static final String INFO_NCE = "info_nce";
    public static final double DEFAULT_ALPHA = 1.0;
    public static final double DEFAULT_BETA = 0.5;

    public LossConfig {
        if (!HN_NCE.equals(type) && !INFO_NCE.equals(type)) {
            throw new IllegalArgumentException("loss type must be hn_nce or info_nce, got " + type);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        if (!Double.isFinite(beta1) || !Double.isFinite(beta2) || beta1 < 0 || beta2 < 0) {
            throw new IllegalArgumentException("beta1 and beta2 must be finite and >= 0, got " + beta1 + ", " + beta2);
        }
    }

    /** JSON: absent fields take the defaults. */
    @JsonCreator
    static LossConfig fromJson(@JsonProperty("type") String type, @JsonProperty("alpha") Double alpha,
                               @JsonProperty("beta1") Double beta1, @JsonProperty("beta2") Double beta2,
                               @JsonProperty("detach_weights") Boolean detachWeights) {
        return new LossConfig(type == null ? HN_NCE : type, alpha == null ? DEFAULT_ALPHA : alpha,
                beta1 == null ? DEFAULT_BETA : beta1, beta2 == null ? DEFAULT_BETA : beta2,
                detachWeights != null && detachWeights);
    }

    /** HN-NCE with the default alpha 1, beta 0.5 / 0.5. */
    public static LossConfig hnNce() {
        return hnNce(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_BETA, false);
    }

    public static LossConfig hnNce(double alpha, double beta1, double beta2, boolean detachWeights) {
        return new LossConfig(HN_NCE, alpha, beta1, beta2, detachWeights);
    }

    /** CLIP's InfoNCE. */
    public static LossConfig infoNce() {
        return new LossConfig(INFO_NCE, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_BETA, false);
    }

    public ContrastiveLoss create() {
        return type.equals(INFO_NCE) ? new InfoNce() : new HardNegativeNce(this);
    }
}
