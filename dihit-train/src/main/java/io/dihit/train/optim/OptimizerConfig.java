package io.dihit.train.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * AdamW, the warmup + cosine schedule and gradient clipping, JSON {@code {"lr", "min_lr",
 * "warmup_steps", "beta1", "beta2", "eps", "weight_decay", "clip_norm"}}. Absent fields take the
 * defaults of docs/method.md ({@link #DEFAULT}); warmup_steps absent means 10 % of the run's steps,
 * clip_norm 0 turns clipping off. Build in code with {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerConfig(
        @JsonProperty("lr") double lr,
        @JsonProperty("min_lr") double minLr,
        @JsonProperty("warmup_steps") Long warmupSteps,
        @JsonProperty("beta1") double beta1,
        @JsonProperty("beta2") double beta2,
        @JsonProperty("eps") double eps,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("clip_norm") double clipNorm) {

    /** lr 5e-4, min_lr 0, warmup 10 % of the steps, betas 0.9 / 0.98, eps 1e-6, weight decay 0.2, clip_norm 1. */
    public static final OptimizerConfig DEFAULT = new OptimizerConfig(5e-4, 0.0, null, 0.9, 0.98, 1e-6, 0.2, 1.0);

    public OptimizerConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
        }
        if (!(minLr >= 0) || minLr > lr) {
            throw new IllegalArgumentException("min_lr must be in [0, lr], got " + minLr);
        }
        if (warmupSteps != null && warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight_decay must be finite and >= 0, got " + weightDecay);
        }
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clip_norm must be >= 0 (0 = off), got " + clipNorm);
        }
    }

    /** JSON: absent fields take {@link #DEFAULT}'s values. */
    @JsonCreator
    static OptimizerConfig fromJson(@JsonProperty("lr") Double lr, @JsonProperty("min_lr") Double minLr,
                                    @JsonProperty("warmup_steps") Long warmupSteps,
                                    @JsonProperty("beta1") Double beta1, @JsonProperty("beta2") Double beta2,
                                    @JsonProperty("eps") Double eps, @JsonProperty("weight_decay") Double weightDecay,
                                    @JsonProperty("clip_norm") Double clipNorm) {
        Builder b = builder().warmupSteps(warmupSteps);
        if (lr != null) {
            b.lr(lr);
        }
        if (minLr != null) {
            b.minLr(minLr);
        }
        if (beta1 != null) {
            b.beta1(beta1);
        }
        if (beta2 != null) {
            b.beta2(beta2);
        }
        if (eps != null) {
            b.eps(eps);
        }
        if (weightDecay != null) {
            b.weightDecay(weightDecay);
        }
        if (clipNorm != null) {
            b.clipNorm(clipNorm);
        }
        return b.build();
    }

    /** Warmup steps of a run of {@code totalSteps}: the configured number (at most the run), else 10 %. */
    public long warmupFor(long totalSteps) {
        return warmupSteps == null ? totalSteps / 10 : Math.min(warmupSteps, totalSteps);
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static final class Builder {
        private double lr;
        private double minLr;
        private Long warmupSteps;
        private double beta1;
        private double beta2;
        private double eps;
        private double weightDecay;
        private double clipNorm;

        private Builder(OptimizerConfig c) {
            lr = c.lr;
            minLr = c.minLr;
            warmupSteps = c.warmupSteps;
            beta1 = c.beta1;
            beta2 = c.beta2;
            eps = c.eps;
            weightDecay = c.weightDecay;
            clipNorm = c.clipNorm;
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder minLr(double v) {
            minLr = v;
            return this;
        }

        /** null: 10 % of the run's steps. */
        public Builder warmupSteps(Long v) {
            warmupSteps = v;
            return this;
        }

        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** 0 turns clipping off. */
        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public OptimizerConfig build() {
            return new OptimizerConfig(lr, minLr, warmupSteps, beta1, beta2, eps, weightDecay, clipNorm);
        }
    }
}
