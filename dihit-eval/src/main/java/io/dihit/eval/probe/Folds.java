package io.dihit.eval.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified cross-validation folds. Samples are ordered class by class (classes in random order, samples
 * shuffled within a class) and dealt round-robin, so fold sizes differ by at most one (none is empty when
 * there are at least as many samples as folds) and every class is spread evenly. With one sample per class a
 * held-out class has no training example, which is exactly what a prior such as the zero-shot classifier is for.
 */
final class Folds {
    private Folds() {}

    /** Returns fold[i] in [0, folds) for every sample. */
    static int[] stratified(int[] labels, int classes, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + folds);
        }
        Random rnd = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        if (labels.length < folds) {
            throw new IllegalArgumentException(labels.length + " samples cannot fill " + folds + " folds");
        }
        Collections.shuffle(byClass, rnd);
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, rnd);
            for (int i : members) {
                fold[i] = next++ % folds;
            }
        }
        return fold;
    }

    static int[] select(int[] fold, int f, boolean inFold) {
        int count = 0;
        for (int v : fold) {
            if ((v == f) == inFold) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inFold) {
                out[k++] = i;
            }
        }
        return out;
    }
}
