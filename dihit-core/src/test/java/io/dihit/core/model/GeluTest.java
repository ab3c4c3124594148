package io.dihit.core.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeluTest {
    @Test
    void bothPathsUseTheErfFormNotTheTanhApproximation() {
        // x * Phi(x) with the exact normal CDF (the tanh form gives 0.841192 at x = 1, off by 1.5e-4)
        float[] x = {-3f, -1f, 0f, 0.5f, 1f, 2f};
        double[] expected = {-0.0040496940, -0.15865525393145707, 0, 0.34573123063700656, 0.8413447460685429,
            1.9544997361036416};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] engine = Gelu.exact(m.create(x)).toFloatArray();
            float[] composed = Gelu.erfForm(m.create(x)).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(expected[i], engine[i], 1e-6, "gelu(" + x[i] + ")");
                assertEquals(expected[i], composed[i], 1e-6, "erf form gelu(" + x[i] + ")");
            }
        }
    }

    @Test
    void quickGeluIsXTimesSigmoidOf1702X() {
        float[] x = {-3f, -1f, 0f, 0.5f, 1f, 2f};
        double[] expected = {-0.01807130970778597, -0.1542042340671787, 0, 0.35038843660638014, 0.8457957659328212,
            1.9356586231442083};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] quick = Gelu.quick(m.create(x)).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(expected[i], quick[i], 1e-6, "quick_gelu(" + x[i] + ")");
            }
        }
    }
}
