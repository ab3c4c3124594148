package io.dihit.eval.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws a k-shot training set: k distinct samples of every class, reproducibly from a seed. The few-shot
 * protocol ({@link FewShotBenchmark}) draws its shot sets with it; use it to build your own.
 */
public final class KShotSampler {
    private KShotSampler() {}

    /**
     * Indices of k samples per class, class by class in label order, drawn with {@code seed}.
     *
     * @param labels  the label of every candidate sample, each in [0, classes)
     * @param classes number of classes; every class must have at least k samples
     */
    public static int[] sample(int[] labels, int classes, int k, long seed) {
        return sample(byClass(labels, classes), k, seed);
    }

    /** The sample indices of each class, in index order. */
    static List<List<Integer>> byClass(int[] labels, int classes) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + classes + ")");
            }
            out.get(labels[i]).add(i);
        }
        return out;
    }

    /** As {@link #sample(int[], int, int, long)} over precomputed {@link #byClass} lists. */
    static int[] sample(List<List<Integer>> byClass, int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Random rnd = new Random(seed);
        int[] out = new int[k * byClass.size()];
        int n = 0;
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> members = new ArrayList<>(byClass.get(c));
            if (members.size() < k) {
                throw new IllegalArgumentException("class " + c + " has " + members.size() + " training samples, fewer than "
                        + k + " shots");
            }
            Collections.shuffle(members, rnd);
            for (int j = 0; j < k; j++) {
                out[n++] = members.get(j);
            }
        }
        return out;
    }
}
