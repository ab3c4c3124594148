package io.dihit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearProbeTest {
    @Test
    void lbfgsFindsTheMinimumOfAQuadratic() {
        // f(x) = sum_i a_i (x_i - c_i)^2 with very different curvatures.
        double[] a = {1, 10, 100, 0.1};
        double[] c = {1, -2, 3, 4};
        double[] x = new double[4];
        Lbfgs.Result r = new Lbfgs(5, 200, 1e-10).minimize((p, g) -> {
            double f = 0;
            for (int i = 0; i < p.length; i++) {
                f += a[i] * (p[i] - c[i]) * (p[i] - c[i]);
                g[i] = 2 * a[i] * (p[i] - c[i]);
            }
            return f;
        }, x);
        assertTrue(r.converged());
        for (int i = 0; i < 4; i++) {
            assertEquals(c[i], x[i], 1e-3); // stopping rule: relative loss change 1e-9
        }
    }

    @Test
    void fittedModelSatisfiesOptimalityConditions() {
        // At the optimum of mean CE + lambda/2 ||W||^2 the gradient vanishes: dCE/dW = -lambda W and dCE/db = 0.
        ToyProblem toy = new ToyProblem(3, 5, 0.7, 5);
        ToyProblem.Split train = toy.sample(40, 6);
        double lambda = 1e-2;
        LinearModel m = LinearProbe.train(train.x(), train.y(), 3, lambda, null, LinearProbe.Config.defaults());
        double[] gw = new double[15];
        double[] gb = new double[3];
        try (SoftmaxObjective f = new JavaSoftmaxObjective(train.x(), train.y(), 3, null, 1)) {
            f.evaluate(m.weights(), m.bias(), gw, gb);
        }
        for (int i = 0; i < 15; i++) {
            assertEquals(-lambda * m.weights()[i], gw[i], 1e-4, "w " + i);
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(0, gb[c], 1e-4);
        }
    }

    @Test
    void crossValidationPrefersRegularisationOnNoisyFewSamples() {
        ToyProblem toy = new ToyProblem(4, 8, 0.2, 8);
        ToyProblem.Split train = toy.sample(30, 9);
        ToyProblem.Split test = toy.sample(100, 10);
        LinearProbe.Result r = LinearProbe.fit(train.x(), train.y(), 4, LinearProbe.Config.defaults());
        assertEquals(6, r.crossValidation().size());
        double acc = LinearModel.Fit.of(r.model().logits(test.x()), test.y()).accuracy();
        assertTrue(acc > 0.95, "accuracy " + acc);
    }
}
