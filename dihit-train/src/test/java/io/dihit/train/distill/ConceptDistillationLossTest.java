package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dihit.train.distill.DistillationConfig.MissingLabelPolicy;
import org.junit.jupiter.api.Test;

class ConceptDistillationLossTest {

    /*
     * By hand, T = 2:
     *  row 1: z/T = (0.5, 1, 1.5); logsumexp = 1.5 + ln(1 + e^-0.5 + e^-1) = 1.5 + ln(1.974410) = 2.180270;
     *         CE = lse - sum p z/T = 2.180270 - (0.1 + 0.3 + 0.75) = 1.030270
     *  row 2: z/T = 0, so every log-probability is -ln 3 and CE = ln 3 = 1.098612
     *  L_cd = T^2 * mean = 4 * (1.030270 + 1.098612) / 2 = 4.257764; only row 1: 4 * 1.030270 = 4.121079
     */
    @Test
    void matchesHandComputedValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
            NDArray probs = m.create(new float[] {0.2f, 0.3f, 0.5f, 1, 0, 0}, new Shape(2, 3));
            ConceptDistillationLoss loss = new ConceptDistillationLoss(
                    new DistillationConfig("teacher.soft", 2.0, 0.5, MissingLabelPolicy.FAIL));
            NDArray both = loss.compute(logits, probs, m.create(new float[] {1, 1}));
            assertEquals(4.257764, both.getFloat(), 1e-5);
            assertEquals(0.5 * 4.257764, loss.weighted(both).getFloat(), 1e-5);
            assertEquals(4.121079, loss.compute(logits, probs, m.create(new float[] {1, 0})).getFloat(), 1e-5);
            assertEquals(0.0, loss.compute(logits, probs, m.zeros(new Shape(2), DataType.FLOAT32)).getFloat(), 0.0);
        }
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationConfig("teacher.soft", 0, 1, MissingLabelPolicy.FAIL));
        assertThrows(IllegalArgumentException.class, () -> new DistillationConfig("teacher.soft", 1, -1, MissingLabelPolicy.FAIL));
        try (NDManager m = NDManager.newBaseManager()) {
            ConceptDistillationLoss loss = new ConceptDistillationLoss(new DistillationConfig("teacher.soft", 1, 1, null));
            assertEquals(MissingLabelPolicy.FAIL, loss.config().missingLabels());
            assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 4)), m.ones(new Shape(2))));
        }
    }
}
