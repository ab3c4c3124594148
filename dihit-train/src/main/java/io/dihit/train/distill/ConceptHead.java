package io.dihit.train.distill;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

/**
 * The student's concept head: one linear layer (with bias) from the normalised image embedding
 * to C concept logits. It is the only extra cost distillation adds to a training step.
 */
public final class ConceptHead {

    private ConceptHead() {}

    public static Block create(int numConcepts) {
        if (numConcepts < 2) {
            throw new IllegalArgumentException("a concept head needs at least 2 concepts, got " + numConcepts);
        }
        return Linear.builder().setUnits(numConcepts).optBias(true).build();
    }
}
