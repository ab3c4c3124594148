package io.dihit.train.optim;

import ai.djl.ndarray.types.Shape;

/**
 * Which parameters get decoupled weight decay: matrices and convolution kernels do; gains, biases
 * (anything with fewer than 2 dimensions, which includes the scalar logit scale and class token)
 * and embeddings (token and positional, by name) do not.
 */
public final class WeightDecayRule {

    private WeightDecayRule() {}

    public static boolean decays(String name, Shape shape) {
        return shape.dimension() >= 2 && !name.contains("embedding") && !name.contains("logit_scale");
    }
}
