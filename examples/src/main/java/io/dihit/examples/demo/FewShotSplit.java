package io.dihit.examples.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Splits labelled samples into a shot pool and a test set for the few-shot protocol. Only classes with
 * at least {@code poolPerClass + 1} samples take part (a k-shot draw needs k pool samples per class and
 * each class needs a test sample); each kept class gives exactly {@code poolPerClass} samples to the
 * pool and at most {@code maxTestPerClass} to the test set, so a few large classes (258 country flags)
 * do not dominate the accuracy. Deterministic per seed.
 *
 * @param classNames kept classes, in the order of the new labels
 * @param poolIndex  indices (into the original samples) of the pool, {@code poolLabel} their new labels
 * @param testIndex  indices of the test samples, {@code testLabel} their new labels
 */
public record FewShotSplit(List<String> classNames, int[] poolIndex, int[] poolLabel, int[] testIndex, int[] testLabel) {

    public static FewShotSplit of(List<String> labels, int poolPerClass, int maxTestPerClass, long seed) {
        if (poolPerClass < 1 || maxTestPerClass < 1) {
            throw new IllegalArgumentException("pool and test sizes per class must be positive");
        }
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byClass.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<String> kept = new ArrayList<>();
        List<int[]> pool = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (var entry : byClass.entrySet()) {
            List<Integer> members = new ArrayList<>(entry.getValue());
            if (members.size() <= poolPerClass) {
                continue;
            }
            Collections.shuffle(members, random);
            int label = kept.size();
            kept.add(entry.getKey());
            for (int j = 0; j < members.size() && j < poolPerClass + maxTestPerClass; j++) {
                (j < poolPerClass ? pool : test).add(new int[] {members.get(j), label});
            }
        }
        if (kept.size() < 2) {
            throw new IllegalArgumentException("fewer than two classes have more than " + poolPerClass + " samples");
        }
        return new FewShotSplit(List.copyOf(kept), column(pool, 0), column(pool, 1), column(test, 0), column(test, 1));
    }

    private static int[] column(List<int[]> pairs, int c) {
        return pairs.stream().mapToInt(p -> p[c]).toArray();
    }
}
