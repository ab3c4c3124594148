package io.dihit.core.io;

import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/** Element types of stored tensors, named as in safetensors headers. */
public enum DType {
    F64(8, DataType.FLOAT64),
    F32(4, DataType.FLOAT32),
    F16(2, DataType.FLOAT16),
    /** bfloat16: converted to float32 on the Java side, never handed to DJL (BF16 arrays abort DJL 0.36). */
    BF16(2, null),
    I64(8, DataType.INT64),
    I32(4, DataType.INT32),
    I16(2, null),
    I8(1, DataType.INT8),
    U8(1, DataType.UINT8),
    BOOL(1, DataType.BOOLEAN);

    private final int byteSize;
    private final DataType djlType;

    DType(int byteSize, DataType djlType) {
        this.byteSize = byteSize;
        this.djlType = djlType;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The DJL type this dtype is stored as in an NDArray (BF16 and I16 have none here). */
    public DataType djlType() {
        if (djlType == null) {
            throw new UnsupportedOperationException(this + " has no DJL array type here; convert with Tensor.toFloats()");
        }
        return djlType;
    }

    public static DType fromSafetensors(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported safetensors dtype '" + name + "'", e);
        }
    }

    public static DType fromDjl(DataType type) {
        for (DType d : values()) {
            if (d.djlType == type) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported DJL data type " + type);
    }
}
