package io.dihit.core.clip;

import java.util.Arrays;
import java.util.List;

/**
 * The zero-shot verdict on one image: a probability per class (softmax of logit multiplier * cosine similarity to
 * each class's prompt embedding), in the order of {@link #classNames()}.
 */
public record ZeroShotPrediction(List<String> classNames, double[] probabilities) {
    public ZeroShotPrediction {
        classNames = List.copyOf(classNames);
        if (probabilities.length != classNames.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + classNames.size() + " classes");
        }
        probabilities = probabilities.clone();
    }

    /** Index of the most probable class (the first one on ties). */
    public int topIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public String topClass() {
        return classNames.get(topIndex());
    }

    public double topProbability() {
        return probabilities[topIndex()];
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZeroShotPrediction p && classNames.equals(p.classNames) && Arrays.equals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return topClass() + " (" + topProbability() + ")";
    }
}
