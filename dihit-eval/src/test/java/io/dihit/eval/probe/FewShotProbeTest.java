package io.dihit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.eval.metrics.ClassificationMetrics;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FewShotProbeTest {
    private static final double SCALE = 100;

    @Test
    void constraintHoldsAfterEveryStep() {
        ToyProblem toy = new ToyProblem(5, 12, 0.3, 1);
        ToyProblem.Split train = toy.sample(8, 2);
        double delta = 3.0;
        double deltaBias = 0.5;
        AtomicInteger steps = new AtomicInteger();
        double[] last = new double[2];
        ResidualProbeModel m = FewShotProbe.train(toy.zeroShot, SCALE, train.x(), train.y(), delta, deltaBias,
                FewShotProbe.Config.defaults(), (step, loss, dNorm, bNorm) -> {
                    assertTrue(dNorm <= delta * (1 + 1e-12), "step " + step + " ||dW||=" + dNorm);
                    assertTrue(bNorm <= deltaBias * (1 + 1e-12), "step " + step + " ||b||=" + bNorm);
                    assertTrue(Double.isFinite(loss));
                    steps.incrementAndGet();
                    last[0] = dNorm;
                    last[1] = bNorm;
                });
        assertTrue(steps.get() >= 3, "steps " + steps.get());
        // The unconstrained optimum lies far outside this ball, so the weight constraint must end up active.
        assertEquals(delta, last[0], delta * 1e-6);
        assertTrue(m.deltaNorm() <= delta * (1 + 1e-6));
        assertTrue(m.biasNorm() <= deltaBias * (1 + 1e-6));
    }

    @Test
    void gridSearchGivesTheSameChoiceOnOneOrManyThreads() {
        ToyProblem toy = new ToyProblem(5, 12, 0.3, 7);
        ToyProblem.Split train = toy.sample(6, 9);
        FewShotProbe.Result one = FewShotProbe.fit(toy.zeroShot, SCALE, train.x(), train.y(), FewShotProbe.Config.defaults().withThreads(1));
        FewShotProbe.Result three = FewShotProbe.fit(toy.zeroShot, SCALE, train.x(), train.y(), FewShotProbe.Config.defaults().withThreads(3));
        assertEquals(21, one.crossValidation().size());
        assertEquals(one.crossValidation(), three.crossValidation());
        assertEquals(one.delta(), three.delta());
        assertEquals(one.deltaBias(), three.deltaBias());
        // The pick is the grid's best accuracy (ties: lower loss).
        double bestAccuracy = one.crossValidation().stream().mapToDouble(FewShotProbe.CvPoint::accuracy).max().orElseThrow();
        FewShotProbe.CvPoint chosen = one.crossValidation().stream()
                .filter(p -> p.delta() == one.delta() && p.deltaBias() == one.deltaBias()).findFirst().orElseThrow();
        assertEquals(bestAccuracy, chosen.accuracy());
    }

    @Test
    void deltaZeroReproducesZeroShotExactly() {
        ToyProblem toy = new ToyProblem(4, 10, 0.4, 3);
        ToyProblem.Split train = toy.sample(4, 4);
        ToyProblem.Split test = toy.sample(50, 5);
        FewShotProbe.Config zeroOnly = new FewShotProbe.Config(new double[] {0}, new double[] {0}, 3, 50, 1e-6, 0);
        FewShotProbe.Result r = FewShotProbe.fit(toy.zeroShot, SCALE, train.x(), train.y(), zeroOnly);
        float[][] zs = toy.zeroShot.scores(test.x());
        float[][] probe = r.model().scores(test.x());
        for (int i = 0; i < zs.length; i++) {
            assertArrayEquals(zs[i], probe[i], 0f);
        }
        assertEquals(0.0, r.model().deltaNorm());
        assertEquals(0.0, r.model().biasNorm());
        ClassificationMetrics a = ClassificationMetrics.fromScores(zs, test.y());
        assertEquals(a, ClassificationMetrics.fromScores(probe, test.y()));
        // The toy's zero-shot classifier swaps two of four classes: about half right.
        assertEquals(0.5, a.top1(), 0.05);
    }

    @Test
    void accuracyRisesWithShotsOnSeparableToyProblem() {
        ToyProblem toy = new ToyProblem(4, 16, 0.15, 11);
        ToyProblem.Split test = toy.sample(100, 12);
        double zeroShot = ClassificationMetrics.fromScores(toy.zeroShot.scores(test.x()), test.y()).top1();
        int[] shots = {1, 4, 16};
        double[] mean = new double[shots.length];
        for (int s = 0; s < shots.length; s++) {
            for (int seed = 0; seed < 3; seed++) {
                ToyProblem.Split train = toy.sample(shots[s], 100 + seed);
                FewShotProbe.Result r = FewShotProbe.fit(toy.zeroShot, SCALE, train.x(), train.y(),
                        FewShotProbe.Config.defaults().withSeed(seed));
                mean[s] += ClassificationMetrics.fromScores(r.model().scores(test.x()), test.y()).top1() / 3;
            }
        }
        assertEquals(0.5, zeroShot, 0.05);
        assertTrue(mean[0] <= mean[1] && mean[1] <= mean[2], java.util.Arrays.toString(mean));
        assertTrue(mean[2] > 0.97, "16-shot accuracy " + mean[2]);
        assertTrue(mean[2] > mean[0] + 0.1, java.util.Arrays.toString(mean));
    }

    @Test
    void largeDeltaApproachesThePlainProbe() {
        // Overlapping clusters: the unregularised logistic regression optimum is finite and unique.
        ToyProblem toy = new ToyProblem(3, 6, 0.6, 21);
        ToyProblem.Split train = toy.sample(60, 22);
        ToyProblem.Split test = toy.sample(100, 23);
        float[][] xn = io.dihit.eval.math.Vectors.normalizedRows(train.x());
        LinearModel plain = LinearProbe.train(xn, train.y(), 3, 0, null,
                LinearProbe.Config.defaults().withLambdas(0));
        FewShotProbe.Config cfg = new FewShotProbe.Config(new double[] {0}, new double[] {0}, 3, 20_000, 1e-13, 0);
        ResidualProbeModel diht = FewShotProbe.train(toy.zeroShot, SCALE, train.x(), train.y(), 1e6, 1e6, cfg,
                FewShotProbe.StepListener.NONE);
        double plainLoss = LinearModel.Fit.of(plain.logits(xn), train.y()).loss();
        float[][] dihtLogits = diht.scores(train.x());
        for (float[] row : dihtLogits) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= SCALE;
            }
        }
        double dihtLoss = LinearModel.Fit.of(dihtLogits, train.y()).loss();
        assertEquals(plainLoss, dihtLoss, 2e-3, "training loss");
        float[][] a = plain.logits(io.dihit.eval.math.Vectors.normalizedRows(test.x()));
        float[][] b = diht.scores(test.x());
        int agree = 0;
        for (int i = 0; i < a.length; i++) {
            agree += argmax(a[i]) == argmax(b[i]) ? 1 : 0;
        }
        assertTrue(agree >= 0.97 * a.length, "agreement " + agree + "/" + a.length);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
