package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Arithmetic of an array with a Java number that is safe inside an autograd graph. Use it instead
 * of {@code NDArray.mul(Number)}, {@code div(Number)}, {@code maximum(Number)} whenever the array
 * may require a gradient.
 *
 * <p>Why: DJL's PyTorch engine (0.36) turns the number into a 0-dim tensor made with
 * {@code from_blob} over a Java direct buffer and closes that tensor right after the op. libtorch's
 * autograd keeps the tensor for the backward (MulBackward saves the other factor, DivBackward the
 * divisor, MaximumBackward both operands), but its bytes belong to the Java buffer, which the
 * garbage collector frees once the wrapper is closed. A collection between forward and backward
 * then makes the backward read freed memory: wrong or garbage gradients, depending on GC timing.
 * Here the number is copied into engine-allocated memory first (a torch clone), which the graph
 * keeps alive by reference, so the constant can be closed at once. Addition and subtraction of a
 * number are safe as they are (their backward does not read the other operand).
 */
public final class EngineScalars {

    private EngineScalars() {
    }

    /** x * value. */
    public static NDArray mul(NDArray x, double value) {
        try (NDArray c = constant(x, value)) {
            return x.mul(c);
        }
    }

    /** x / value. */
    public static NDArray div(NDArray x, double value) {
        try (NDArray c = constant(x, value)) {
            return x.div(c);
        }
    }

    /** Elementwise max(x, value). */
    public static NDArray maximum(NDArray x, double value) {
        try (NDArray c = constant(x, value)) {
            return x.maximum(c);
        }
    }

    /**
     * {@code value} as a Java number of {@code like}'s float type, for arithmetic OUTSIDE autograd
     * only (the optimizer's in-place updates): PyTorch would promote a 0-dim float32 array combined
     * with a double (a 0-dim float64 tensor) to float64, and inside a graph the Java-backed tensor DJL
     * makes of the number is the use-after-free described above.
     */
    public static Number number(NDArray like, double value) {
        return like.getDataType() == DataType.FLOAT64 ? (Number) value : (Number) (float) value;
    }

    /**
     * A 0-dim array of {@code like}'s data type and device holding {@code value}, in engine memory.
     * Same type as {@code like} on purpose: PyTorch would promote a 0-dim float32 result combined
     * with a 0-dim float64 constant to float64.
     */
    public static NDArray constant(NDArray like, double value) {
        NDManager manager = like.getManager();
        DataType type = like.getDataType();
        try (NDArray javaBacked = type == DataType.FLOAT64 ? manager.create(value) : manager.create((float) value)) {
            NDArray owned = javaBacked.duplicate(); // clone: engine-allocated storage
            if (owned.getDataType() != type) {
                NDArray cast = owned.toType(type, false); // a conversion allocates in the engine too
                owned.close();
                owned = cast;
            }
            if (!owned.getDevice().equals(like.getDevice())) {
                NDArray moved = owned.toDevice(like.getDevice(), false);
                owned.close();
                owned = moved;
            }
            return owned;
        }
    }
}
