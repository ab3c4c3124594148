package io.dihit.train.optim;

/** AdamW hyper-parameters (DiHT / CLIP defaults: betas 0.9 / 0.98, eps 1e-6). */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay) {

    public static final AdamWConfig CLIP_DEFAULTS = new AdamWConfig(0.9, 0.98, 1e-6, 0.1);

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        }
    }
}
