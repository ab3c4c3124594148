package io.dihit.examples.demo;

import io.dihit.examples.data.StyleFold;

/**
 * One paired replicate: a leave-one-style-out fold and a training seed. The seed alone sets the
 * model's initialisation and the batch order, so every variant of a replicate starts from the same
 * weights and (on the same pairs) sees the same batches; the variant never enters either.
 */
public record Replicate(StyleFold fold, int seed) {

    public Replicate {
        if (fold == null || seed < 1) {
            throw new IllegalArgumentException("a replicate needs a fold and a seed >= 1");
        }
    }

    /** "twitter/seed1". */
    public String label() {
        return fold.heldOut().vendor() + "/seed" + seed;
    }

    /** The seed of the model's initialisation (the engine's random seed) and of the batch order. */
    public long trainingSeed() {
        return seed;
    }
}
