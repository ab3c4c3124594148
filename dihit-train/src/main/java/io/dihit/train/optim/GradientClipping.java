package io.dihit.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Global-norm clipping: one factor min(1, maxNorm / (norm + 1e-6)) for all gradients, as torch's clip_grad_norm_. */
public final class GradientClipping {

    private GradientClipping() {}

    /** The L2 norm over all gradients together (one device sync). */
    public static double globalNorm(Map<String, NDArray> gradients) {
        NDArray total = null;
        for (NDArray g : gradients.values()) {
            NDArray squares = g.square().sum();
            total = total == null ? squares : total.add(squares);
        }
        return total == null ? 0.0 : Math.sqrt(total.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble());
    }

    /** Factor to multiply gradients by; 1 when clipping is off (maxNorm &lt;= 0) or the norm is within bounds. */
    public static double factor(double norm, double maxNorm) {
        if (maxNorm <= 0 || norm <= maxNorm) {
            return 1.0;
        }
        return maxNorm / (norm + 1e-6);
    }
}
