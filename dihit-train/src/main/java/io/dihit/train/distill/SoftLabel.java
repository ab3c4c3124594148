package io.dihit.train.distill;

/** One sample's top-k teacher probabilities: concept indices (descending probability) and probabilities summing to 1. */
public record SoftLabel(int[] concepts, float[] probabilities) implements java.io.Serializable {

    public SoftLabel {
        if (concepts.length != probabilities.length || concepts.length == 0) {
            throw new IllegalArgumentException("a soft label needs as many probabilities as concepts (>= 1), got "
                    + concepts.length + " and " + probabilities.length);
        }
    }

    /**
     * Keeps the k most probable concepts of a probability row and renormalises them; ties go to the
     * lower concept index so the result is deterministic.
     */
    public static SoftLabel topK(float[] probabilities, int k) {
        int kept = Math.min(k, probabilities.length);
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int byProbability = Float.compare(probabilities[b], probabilities[a]);
            return byProbability != 0 ? byProbability : Integer.compare(a, b);
        });
        int[] concepts = new int[kept];
        float[] probs = new float[kept];
        double total = 0;
        for (int i = 0; i < kept; i++) {
            concepts[i] = order[i];
            total += probabilities[order[i]];
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("teacher probabilities are not a distribution (top-" + kept
                    + " mass " + total + ")");
        }
        for (int i = 0; i < kept; i++) {
            probs[i] = (float) (probabilities[concepts[i]] / total);
        }
        return new SoftLabel(concepts, probs);
    }
}
