package io.dihit.train.util;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Java numbers in the data type of an array. PyTorch promotes a 0-dim float32 tensor combined with
 * a 0-dim float64 one (what DJL makes of a {@code double}) to float64, so scalar losses would
 * silently change type; passing the constant as the array's own type avoids that.
 *
 * <p>Only for arithmetic outside autograd (the optimizer): DJL wraps such a number in a tensor over
 * Java memory that the GC may free before a backward reads it. Code on the graph uses
 * {@link io.dihit.core.model.EngineScalars}.
 */
public final class Scalars {

    private Scalars() {}

    public static Number like(NDArray array, double value) {
        DataType type = array.getDataType();
        return type == DataType.FLOAT64 ? (Number) value : (Number) (float) value;
    }
}
