package io.dihit.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Extreme regimes: logit scale ln 100, batch 8,192, nearly identical or perfectly separated pairs. */
class LossStabilityTest {

    private static final double LOG_100 = Math.log(100);

    @Test
    void finiteAtBatch8192WithNearlyIdenticalEmbeddings() {
        int k = 8192;
        int d = 64;
        for (ContrastiveLoss loss : new ContrastiveLoss[] {
            new HardNegativeNce(LossConfig.hnNce()), new HardNegativeNce(0.0, 2.0, 2.0)}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(7);
                NDArray base = manager.randomNormal(new Shape(1, d));
                // every s_ij within ~0.1 of 100: the largest exponent a naive implementation would take
                NDArray image = base.add(manager.randomNormal(new Shape(k, d)).mul(1e-3)).normalize(2, 1);
                NDArray text = base.add(manager.randomNormal(new Shape(k, d)).mul(1e-3)).normalize(2, 1);
                Grads g = lossAndGrads(loss, image, text, manager.create((float) LOG_100));
                assertTrue(Double.isFinite(g.loss), loss + " loss " + g.loss);
                // all scores equal up to noise, so each anchor sees k equally likely candidates
                assertEquals(Math.log(k), g.loss, 0.2, loss.toString());
                assertTrue(g.allFinite, loss + " gradients finite");
            }
        }
    }

    @Test
    void finiteWhenPositivesDominate() {
        int k = 64;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray identity = manager.eye(k);
            Grads g = lossAndGrads(new HardNegativeNce(1.0, 1.0, 1.0), identity, identity.duplicate(),
                    manager.create((float) LOG_100));
            // s_ii = 100, s_ij = 0: loss = log(1 + (k-1) e^{-100}) ~ 0, no cancellation to -inf or NaN
            assertTrue(g.allFinite);
            assertEquals(0.0, g.loss, 1e-6);
        }
    }

    record Grads(double loss, boolean allFinite) {}

    private static Grads lossAndGrads(ContrastiveLoss loss, NDArray image, NDArray text, NDArray logScale) {
        image.setRequiresGradient(true);
        text.setRequiresGradient(true);
        logScale.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.compute(image, text, logScale);
            collector.backward(value);
            boolean finite = finite(image.getGradient()) && finite(text.getGradient()) && finite(logScale.getGradient());
            return new Grads(value.toType(DataType.FLOAT64, false).getDouble(), finite);
        }
    }

    private static boolean finite(NDArray array) {
        return array.isNaN().logicalOr(array.isInfinite()).sum().getLong() == 0;
    }
}
