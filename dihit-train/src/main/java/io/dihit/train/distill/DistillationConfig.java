package io.dihit.train.distill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Concept distillation of a run, JSON {@code {"soft_labels": "teacher.soft", "temperature": 1.0,
 * "weight": 1.0, "missing_labels": "FAIL" | "SKIP"}}: the precomputed sidecar file of teacher soft
 * labels, temperature T of the student's softmax (the loss is scaled by T^2 so its gradient magnitude
 * does not shrink with T), weight lambda in total = contrastive + lambda * L_cd, and what to do when a
 * training sample has no soft label in the sidecar. Absent JSON fields take the defaults of
 * docs/method.md.
 */
public record DistillationConfig(
        @JsonProperty("soft_labels") String softLabels,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("weight") double weight,
        @JsonProperty("missing_labels") MissingLabelPolicy missingLabels) {

    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final double DEFAULT_WEIGHT = 1.0;

    public enum MissingLabelPolicy {
        /** A sample without a soft label stops training with an error naming it. */
        FAIL,
        /** The sample still counts for the contrastive loss, is left out of L_cd, and is counted. */
        SKIP
    }

    /** @param missingLabels null for {@link MissingLabelPolicy#FAIL} */
    public DistillationConfig {
        if (softLabels == null || softLabels.isBlank()) {
            throw new IllegalArgumentException("distillation.soft_labels (the precomputed sidecar file) is required");
        }
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

    /** JSON: absent fields take the defaults. */
    @JsonCreator
    static DistillationConfig fromJson(@JsonProperty("soft_labels") String softLabels,
                                       @JsonProperty("temperature") Double temperature,
                                       @JsonProperty("weight") Double weight,
                                       @JsonProperty("missing_labels") MissingLabelPolicy missingLabels) {
        return new DistillationConfig(softLabels, temperature == null ? DEFAULT_TEMPERATURE : temperature,
                weight == null ? DEFAULT_WEIGHT : weight, missingLabels);
    }

    /** Distillation from {@code softLabels} with the default temperature, weight and missing-label policy. */
    public static DistillationConfig of(String softLabels) {
        return new DistillationConfig(softLabels, DEFAULT_TEMPERATURE, DEFAULT_WEIGHT, MissingLabelPolicy.FAIL);
    }
}
