package io.dihit.eval.probe;

import io.dihit.eval.zeroshot.ZeroShotClassifier;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Gaussian clusters around random unit class means, with a zero-shot classifier whose class vectors are the
 * true means except that classes 0 and 1 are swapped: zero-shot gets those two classes wrong, and labelled
 * shots can fix it.
 */
final class ToyProblem {
    final int classes;
    final int dim;
    final float[][] means;
    final ZeroShotClassifier zeroShot;
    private final double noise;

    ToyProblem(int classes, int dim, double noise, long seed) {
        this.classes = classes;
        this.dim = dim;
        this.noise = noise;
        Random rnd = new Random(seed);
        means = new float[classes][dim];
        for (float[] m : means) {
            double n = 0;
            for (int d = 0; d < dim; d++) {
                m[d] = (float) rnd.nextGaussian();
                n += m[d] * m[d];
            }
            for (int d = 0; d < dim; d++) {
                m[d] /= (float) Math.sqrt(n);
            }
        }
        float[][][] prompts = new float[classes][1][];
        for (int c = 0; c < classes; c++) {
            prompts[c][0] = means[c < 2 ? 1 - c : c];
        }
        zeroShot = ZeroShotClassifier.fromPromptEmbeddings(
                IntStream.range(0, classes).mapToObj(c -> "class" + c).toList(), prompts);
    }

    record Split(float[][] x, int[] y) {}

    Split sample(int perClass, long seed) {
        Random rnd = new Random(seed);
        float[][] x = new float[perClass * classes][dim];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dim; d++) {
                x[i][d] = means[y[i]][d] + (float) (noise * rnd.nextGaussian());
            }
        }
        return new Split(x, y);
    }

    List<String> names() {
        return zeroShot.classNames();
    }
}
