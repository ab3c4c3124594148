package io.dihit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxObjectiveTest {
    @Test
    void engineAndJavaAgreeAndMatchFiniteDifferences() {
        Random rnd = new Random(4);
        int n = 300;
        int d = 7;
        int c = 4;
        float[][] x = new float[n][d];
        float[][] base = new float[n][c];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(c);
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) rnd.nextGaussian();
            }
            for (int k = 0; k < c; k++) {
                base[i][k] = (float) (3 * rnd.nextGaussian());
            }
        }
        float[] w = new float[c * d];
        float[] b = new float[c];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.5 * rnd.nextGaussian());
        }
        b[1] = 0.7f;
        double[] gwJ = new double[w.length];
        double[] gbJ = new double[c];
        double[] gwE = new double[w.length];
        double[] gbE = new double[c];
        double lossJ;
        double lossE;
        try (SoftmaxObjective java = new JavaSoftmaxObjective(x, y, c, base, 2);
             SoftmaxObjective engine = new EngineSoftmaxObjective(x, y, c, base)) {
            lossJ = java.evaluate(w, b, gwJ, gbJ);
            lossE = engine.evaluate(w, b, gwE, gbE);
            assertEquals(lossJ, lossE, 1e-5);
            for (int i = 0; i < w.length; i++) {
                assertEquals(gwJ[i], gwE[i], 1e-5, "dW " + i);
            }
            for (int k = 0; k < c; k++) {
                assertEquals(gbJ[k], gbE[k], 1e-5, "db " + k);
            }
            // Central differences on a few weights (float inputs: step 1e-2, quadratic error ~1e-5).
            for (int i : new int[] {0, 5, 13, 27}) {
                float keep = w[i];
                w[i] = keep + 1e-2f;
                double up = java.evaluate(w, b, new double[w.length], new double[c]);
                w[i] = keep - 1e-2f;
                double down = java.evaluate(w, b, new double[w.length], new double[c]);
                w[i] = keep;
                assertEquals((up - down) / 2e-2, gwJ[i], 1e-4, "finite difference " + i);
            }
        }
    }
}
