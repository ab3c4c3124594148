package io.dihit.train.distill;

import ai.djl.ndarray.NDArray;
import io.dihit.core.model.EngineScalars;

/**
 * L_cd = T^2 * mean_n sum_c p_nc * (-log softmax(z_n / T)_c), the soft cross-entropy of the
 * student's concept logits z against the teacher's (top-k, renormalised) probabilities p.
 * Rows whose mask entry is 0 (samples without a soft label, when skipping is allowed) are left out
 * of both the sum and the mean. The weight lambda is applied by the caller via {@link #weighted}.
 */
public final class ConceptDistillationLoss {

    private final DistillationConfig config;

    public ConceptDistillationLoss(DistillationConfig config) {
        this.config = config;
    }

    public DistillationConfig config() {
        return config;
    }

    /**
     * @param studentLogits (N, C) logits of the student head
     * @param teacherProbs  (N, C) teacher probabilities (rows sum to 1, or are all zero where masked)
     * @param rowMask       (N) 1 for rows with a soft label, 0 otherwise (same dtype as the logits)
     * @return the unweighted scalar L_cd (0 when no row has a label)
     */
    public NDArray compute(NDArray studentLogits, NDArray teacherProbs, NDArray rowMask) {
        if (!studentLogits.getShape().equals(teacherProbs.getShape())) {
            throw new IllegalArgumentException("student logits " + studentLogits.getShape()
                    + " and teacher probabilities " + teacherProbs.getShape() + " differ in shape");
        }
        double t = config.temperature();
        NDArray perRow = teacherProbs.mul(EngineScalars.div(studentLogits, t).logSoftmax(1)).sum(new int[] {1}).neg();
        NDArray rows = rowMask.sum().maximum(1); // empty mask: loss 0, not NaN
        return EngineScalars.mul(perRow.mul(rowMask).sum().div(rows), t * t);
    }

    /** lambda * L_cd. */
    public NDArray weighted(NDArray unweighted) {
        return EngineScalars.mul(unweighted, config.weight());
    }
}
