package io.dihit.train;

/**
 * One applied optimizer update as listeners see it.
 *
 * @param state          the run's position after the update (step, samples seen, skipped steps)
 * @param losses         total, contrastive and distillation loss of the batch
 * @param lr             the learning rate the update used
 * @param gradNorm       global gradient norm before clipping
 * @param logLogitScale  the learned log logit scale after the update (clamped to [0, ln 100])
 * @param batchSize      samples in the batch
 * @param seconds        wall time of the step (forward, backward, update)
 */
public record StepResult(TrainingState state, StepLosses losses, double lr, double gradNorm, double logLogitScale,
                         int batchSize, double seconds) {

    /** The update count after this step (1-based). */
    public long step() {
        return state.step();
    }

    /** exp(logLogitScale): the factor between cosine similarities and logits. */
    public double logitMultiplier() {
        return Math.exp(logLogitScale);
    }
}
