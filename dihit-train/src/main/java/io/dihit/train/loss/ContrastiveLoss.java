package io.dihit.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * A symmetric image-text contrastive loss over one (global) batch.
 *
 * <p>Inputs follow the model's forward contract: L2-normalised features of shape (k, d) with row i
 * of each being a positive pair, and the learned log logit scale (a scalar), so
 * s_ij = exp(logLogitScale) * x_i . t_j (exp(logLogitScale) is the logit multiplier). The result is a scalar in the features' data type; it stays
 * attached to the autograd graph of all three inputs.
 */
public interface ContrastiveLoss {

    NDArray compute(NDArray imageFeatures, NDArray textFeatures, NDArray logLogitScale);

    /** Short name for metrics and configs ("info_nce", "hn_nce"). */
    String name();

    /** s = exp(logLogitScale) * I T^T, shared by every implementation; validates the shapes. */
    static NDArray scores(NDArray imageFeatures, NDArray textFeatures, NDArray logLogitScale) {
        if (imageFeatures.getShape().dimension() != 2
                || !imageFeatures.getShape().equals(textFeatures.getShape())) {
            throw new IllegalArgumentException("image and text features must both be (k, d), got "
                    + imageFeatures.getShape() + " and " + textFeatures.getShape());
        }
        if (imageFeatures.getShape().get(0) < 2) {
            throw new IllegalArgumentException("a contrastive batch needs at least 2 pairs, got "
                    + imageFeatures.getShape().get(0));
        }
        if (logLogitScale.getShape().size() != 1) {
            throw new IllegalArgumentException("the log logit scale must be a scalar, got " + logLogitScale.getShape());
        }
        // A unary op belongs to its operand's manager: exp of the parameter would stay in the model's
        // long-lived manager (one leaked array per step); the features' (per-step) manager takes it.
        NDArray logitMultiplier = logLogitScale.exp();
        logitMultiplier.attach(imageFeatures.getManager());
        return imageFeatures.matMul(textFeatures.transpose()).mul(logitMultiplier);
    }
}
