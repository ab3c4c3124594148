package io.dihit.core.model;

import ai.djl.ndarray.NDArray;

/**
 * The nonlinearity inside every transformer MLP. DiHT and open_clip default to exact GELU; OpenAI's CLIP
 * checkpoints (and open_clip's {@code -quickgelu} models) were trained with QuickGELU, and their features are
 * wrong under the other one. A config chooses with open_clip's {@code "quick_gelu"} field.
 */
public enum Activation {
    /** Exact erf GELU, {@code torch.nn.GELU()}. */
    GELU,
    /** x * sigmoid(1.702 x), OpenAI CLIP's {@code QuickGELU}. */
    QUICK_GELU;

    public NDArray apply(NDArray x) {
        return this == GELU ? Gelu.exact(x) : Gelu.quick(x);
    }
}
