package io.dihit.train.optim;

/**
 * Linear warmup then cosine decay, as open_clip's {@code cosine_lr}: for step s (0-based),
 * lr = base * (s + 1) / warmup while s &lt; warmup, then
 * lr = minLr + (base - minLr) * (1 + cos(pi * (s - warmup) / (total - warmup))) / 2.
 */
public record WarmupCosineSchedule(double baseLr, long warmupSteps, long totalSteps, double minLr) {

    public WarmupCosineSchedule {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + baseLr);
        }
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmup <= total and total > 0, got warmup "
                    + warmupSteps + ", total " + totalSteps);
        }
        if (!(minLr >= 0) || minLr > baseLr) {
            throw new IllegalArgumentException("min learning rate must be in [0, base], got " + minLr);
        }
    }

    public double learningRate(long step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        long decaySteps = totalSteps - warmupSteps;
        if (decaySteps == 0) {
            return baseLr;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
