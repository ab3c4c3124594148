package io.dihit.core.model;

import ai.djl.ndarray.NDArray;

/**
 * GELU in its two CLIP flavours. {@link #exact}: the exact erf form, 0.5 x (1 + erf(x / sqrt 2)), as torch.nn.GELU() (not the tanh approximation).
 * On the PyTorch engine this is libtorch's fused gelu (default approximate="none", one kernel, less
 * autograd memory); on any other engine it is composed from erf.
 */
final class Gelu {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);

    private Gelu() {
    }

    public static NDArray exact(NDArray x) {
        if ("PyTorch".equals(x.getManager().getEngine().getEngineName())) {
            return x.getNDArrayInternal().gelu();
        }
        return erfForm(x);
    }

    /** OpenAI CLIP's QuickGELU, x * sigmoid(1.702 x), as its {@code QuickGELU} module computes it. */
    public static NDArray quick(NDArray x) {
        return x.mul(EngineScalars.mul(x, 1.702).getNDArrayInternal().sigmoid());
    }

    /** The erf formula spelled out with NDArray operations. */
    public static NDArray erfForm(NDArray x) {
        return EngineScalars.mul(x.mul(EngineScalars.mul(x, INV_SQRT2).erf().add(1f)), 0.5);
    }
}
