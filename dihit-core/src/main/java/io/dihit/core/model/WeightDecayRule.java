package io.dihit.core.model;

import ai.djl.ndarray.types.Shape;

/**
 * The one rule for which parameters get decoupled weight decay (CLIP / open_clip's): matrices and
 * convolution kernels do; gains, biases (anything with fewer than 2 dimensions, which includes the
 * scalar logit scale and the class token) and embeddings (token and positional, by name) do not.
 * {@link ClipModel#usesWeightDecay} and the training loop (for any other trained parameter, e.g. a
 * concept head) both apply it.
 */
public final class WeightDecayRule {

    private WeightDecayRule() {}

    public static boolean decays(String name, Shape shape) {
        return shape.dimension() >= 2 && !name.contains("embedding") && !name.contains("logit_scale");
    }
}
