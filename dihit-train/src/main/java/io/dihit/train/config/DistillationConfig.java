package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dihit.train.distill.ConceptDistillationConfig;
import io.dihit.train.distill.ConceptDistillationConfig.MissingLabelPolicy;

/** {"soft_labels": "teacher.soft", "temperature": 1.0, "weight": 1.0, "missing_labels": "FAIL" | "SKIP"}. */
public record DistillationConfig(
        @JsonProperty("soft_labels") String softLabels,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("weight") Double weight,
        @JsonProperty("missing_labels") MissingLabelPolicy missingLabels) {

    public DistillationConfig {
        if (softLabels == null || softLabels.isBlank()) {
            throw new IllegalArgumentException("distillation.soft_labels (the precomputed sidecar file) is required");
        }
        temperature = temperature == null ? 1.0 : temperature;
        weight = weight == null ? 1.0 : weight;
        missingLabels = missingLabels == null ? MissingLabelPolicy.FAIL : missingLabels;
        new ConceptDistillationConfig(temperature, weight, missingLabels); // validates
    }

    public ConceptDistillationConfig loss() {
        return new ConceptDistillationConfig(temperature, weight, missingLabels);
    }
}
