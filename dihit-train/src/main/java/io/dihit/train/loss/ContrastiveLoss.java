package io.dihit.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * A symmetric image-text contrastive loss over one (global) batch.
 *
 * <p>Inputs follow the model's forward contract: L2-normalised features of shape (k, d) with row i
 * of each being a positive pair, and the logit scale as a learned <em>log</em> (a scalar), so
 * s_ij = exp(logitScale) * x_i . t_j. The result is a scalar in the features' data type; it stays
 * attached to the autograd graph of all three inputs.
 */
public interface ContrastiveLoss {

    NDArray compute(NDArray imageFeatures, NDArray textFeatures, NDArray logitScale);

    /** Short name for metrics and configs ("info_nce", "hn_nce"). */
    String name();

    /** s = exp(logitScale) * I T^T, shared by every implementation; validates the shapes. */
    static NDArray scores(NDArray imageFeatures, NDArray textFeatures, NDArray logitScale) {
        if (imageFeatures.getShape().dimension() != 2
                || !imageFeatures.getShape().equals(textFeatures.getShape())) {
            throw new IllegalArgumentException("image and text features must both be (k, d), got "
                    + imageFeatures.getShape() + " and " + textFeatures.getShape());
        }
        if (imageFeatures.getShape().get(0) < 2) {
            throw new IllegalArgumentException("a contrastive batch needs at least 2 pairs, got "
                    + imageFeatures.getShape().get(0));
        }
        if (logitScale.getShape().size() != 1) {
            throw new IllegalArgumentException("logit scale must be a scalar, got " + logitScale.getShape());
        }
        // A unary op belongs to its operand's manager: exp of the parameter would stay in the model's
        // long-lived manager (one leaked array per step); the features' (per-step) manager takes it.
        NDArray scale = logitScale.exp();
        scale.attach(imageFeatures.getManager());
        return imageFeatures.matMul(textFeatures.transpose()).mul(scale);
    }
}
