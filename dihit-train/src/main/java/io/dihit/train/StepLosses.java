package io.dihit.train;

/** Loss values of one step (distillation 0 and labelled 0 when distillation is off). */
public record StepLosses(double total, double contrastive, double distillation, int distillationRows) {

    public boolean finite() {
        return Double.isFinite(total) && Double.isFinite(contrastive) && Double.isFinite(distillation);
    }
}
