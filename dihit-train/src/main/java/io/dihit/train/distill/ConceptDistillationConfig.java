package io.dihit.train.distill;

/**
 * Concept distillation settings: temperature T of the student's softmax (the loss is scaled by T^2
 * so its gradient magnitude does not shrink with T), weight lambda in total = contrastive + lambda * L_cd,
 * and what to do when a training sample has no soft label in the sidecar file.
 */
public record ConceptDistillationConfig(double temperature, double weight, MissingLabelPolicy missingLabels) {

    public enum MissingLabelPolicy {
        /** A sample without a soft label stops training with an error naming it. */
        FAIL,
        /** The sample still counts for the contrastive loss, is left out of L_cd, and is counted. */
        SKIP
    }

    public ConceptDistillationConfig {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("distillation weight must be finite and >= 0, got " + weight);
        }
        if (missingLabels == null) {
            missingLabels = MissingLabelPolicy.FAIL;
        }
    }
}
