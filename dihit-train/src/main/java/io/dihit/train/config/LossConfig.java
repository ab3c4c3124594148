package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dihit.train.loss.ContrastiveLoss;
import io.dihit.train.loss.HardNegativeNce;
import io.dihit.train.loss.HardNegativeNceConfig;
import io.dihit.train.loss.InfoNce;

/** {"type": "hn_nce" | "info_nce", "alpha": 1, "beta1": 0.5, "beta2": 0.5, "detach_weights": false}. */
public record LossConfig(
        @JsonProperty("type") String type,
        @JsonProperty("alpha") Double alpha,
        @JsonProperty("beta1") Double beta1,
        @JsonProperty("beta2") Double beta2,
        @JsonProperty("detach_weights") Boolean detachWeights) {

    public static final LossConfig DEFAULT = new LossConfig("hn_nce", null, null, null, null);

    public LossConfig {
        type = type == null ? "hn_nce" : type;
        if (!type.equals("hn_nce") && !type.equals("info_nce")) {
            throw new IllegalArgumentException("loss type must be hn_nce or info_nce, got " + type);
        }
        HardNegativeNceConfig d = HardNegativeNceConfig.DEFAULT;
        alpha = alpha == null ? d.alpha() : alpha;
        beta1 = beta1 == null ? d.beta1() : beta1;
        beta2 = beta2 == null ? d.beta2() : beta2;
        detachWeights = detachWeights != null && detachWeights;
        new HardNegativeNceConfig(alpha, beta1, beta2, detachWeights); // validates
    }

    public ContrastiveLoss create() {
        return type.equals("info_nce") ? new InfoNce()
                : new HardNegativeNce(new HardNegativeNceConfig(alpha, beta1, beta2, detachWeights));
    }
}
