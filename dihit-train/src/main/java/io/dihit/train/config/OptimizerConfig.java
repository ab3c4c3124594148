package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dihit.train.optim.AdamWConfig;

/**
 * AdamW, warmup + cosine and clipping. Defaults: lr 5e-4, min_lr 0, warmup 10% of the steps (set
 * explicitly to override), betas 0.9 / 0.98, eps 1e-6, weight decay 0.2, clip_norm 1.0 (0 = off).
 */
public record OptimizerConfig(
        @JsonProperty("lr") Double lr,
        @JsonProperty("min_lr") Double minLr,
        @JsonProperty("warmup_steps") Long warmupSteps,
        @JsonProperty("beta1") Double beta1,
        @JsonProperty("beta2") Double beta2,
        @JsonProperty("eps") Double eps,
        @JsonProperty("weight_decay") Double weightDecay,
        @JsonProperty("clip_norm") Double clipNorm) {

    public static final OptimizerConfig DEFAULT = new OptimizerConfig(null, null, null, null, null, null, null, null);

    public OptimizerConfig {
        lr = lr == null ? 5e-4 : lr;
        minLr = minLr == null ? 0.0 : minLr;
        beta1 = beta1 == null ? 0.9 : beta1;
        beta2 = beta2 == null ? 0.98 : beta2;
        eps = eps == null ? 1e-6 : eps;
        weightDecay = weightDecay == null ? 0.2 : weightDecay;
        clipNorm = clipNorm == null ? 1.0 : clipNorm;
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clip_norm must be >= 0 (0 = off), got " + clipNorm);
        }
        if (warmupSteps != null && warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        }
        new AdamWConfig(beta1, beta2, eps, weightDecay); // validates
    }

    public AdamWConfig adamW() {
        return new AdamWConfig(beta1, beta2, eps, weightDecay);
    }

    public long warmupFor(long totalSteps) {
        return warmupSteps == null ? totalSteps / 10 : Math.min(warmupSteps, totalSteps);
    }
}
