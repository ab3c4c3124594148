package io.dihit.core.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * The only Python globals the checkpoint unpickler accepts. Each is interpreted by our own Java code;
 * nothing named in a pickle is ever looked up or run.
 */
enum PickleGlobal {
    ORDERED_DICT("collections", "OrderedDict", null),
    REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2", null),
    REBUILD_PARAMETER("torch._utils", "_rebuild_parameter", null),
    DOUBLE_STORAGE("torch", "DoubleStorage", DType.F64),
    FLOAT_STORAGE("torch", "FloatStorage", DType.F32),
    HALF_STORAGE("torch", "HalfStorage", DType.F16),
    BFLOAT16_STORAGE("torch", "BFloat16Storage", DType.BF16),
    LONG_STORAGE("torch", "LongStorage", DType.I64),
    INT_STORAGE("torch", "IntStorage", DType.I32),
    SHORT_STORAGE("torch", "ShortStorage", DType.I16),
    CHAR_STORAGE("torch", "CharStorage", DType.I8),
    BYTE_STORAGE("torch", "ByteStorage", DType.U8),
    BOOL_STORAGE("torch", "BoolStorage", DType.BOOL);

    private final String module;
    private final String name;
    private final DType storageType;

    PickleGlobal(String module, String name, DType storageType) {
        this.module = module;
        this.name = name;
        this.storageType = storageType;
    }

    static Optional<PickleGlobal> find(String module, String name) {
        return Arrays.stream(values()).filter(g -> g.module.equals(module) && g.name.equals(name)).findFirst();
    }

    /** Element type when this global is a storage class, else null. */
    DType storageType() {
        return storageType;
    }

    String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
