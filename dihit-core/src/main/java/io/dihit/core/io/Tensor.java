package io.dihit.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A stored tensor: element type, shape and its contiguous row-major little-endian bytes. Independent
 * of any engine, so checkpoints can be read, inspected and converted without DJL.
 */
public final class Tensor {
    private final DType dtype;
    private final long[] shape;
    private final byte[] data;

    /** @param data row-major little-endian bytes; not copied (the caller hands it over) */
    public Tensor(DType dtype, long[] shape, byte[] data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (Math.multiplyExact(n, dtype.byteSize()) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + n * dtype.byteSize() + " bytes, got " + data.length);
        }
        this.data = data;
    }

    public static Tensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(DType.F32, shape, b.array());
    }

    public static Tensor ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(DType.I64, shape, b.array());
    }

    /** Copies an array (any device) to the host. BF16 arrays are refused (they cannot exist in DJL here). */
    public static Tensor of(NDArray array) {
        DType dtype = DType.fromDjl(array.getDataType());
        return new Tensor(dtype, array.getShape().getShape(), array.toByteArray());
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public Shape djlShape() {
        return new Shape(shape);
    }

    public long elementCount() {
        return data.length / dtype.byteSize();
    }

    /** The raw little-endian bytes (shared, do not modify). */
    public byte[] bytes() {
        return data;
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Values as float32: F16 and BF16 are widened exactly; integer and F64 values are cast. */
    public float[] toFloats() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        ByteBuffer b = buffer();
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> { for (int i = 0; i < n; i++) { out[i] = (float) b.getDouble(i * 8); } }
            case F16 -> { for (int i = 0; i < n; i++) { out[i] = HalfFloats.halfToFloat(b.getShort(i * 2)); } }
            case BF16 -> { for (int i = 0; i < n; i++) { out[i] = HalfFloats.bfloat16ToFloat(b.getShort(i * 2)); } }
            case I64 -> { for (int i = 0; i < n; i++) { out[i] = b.getLong(i * 8); } }
            case I32 -> { for (int i = 0; i < n; i++) { out[i] = b.getInt(i * 4); } }
            case I16 -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(i * 2); } }
            case I8 -> { for (int i = 0; i < n; i++) { out[i] = b.get(i); } }
            case U8, BOOL -> { for (int i = 0; i < n; i++) { out[i] = b.get(i) & 0xff; } }
            default -> throw new IllegalStateException(dtype.toString());
        }
        return out;
    }

    /** This tensor with float32 elements (itself when already F32). */
    public Tensor toFloat32() {
        return dtype == DType.F32 ? this : ofFloats(toFloats(), shape);
    }

    /**
     * An NDArray on the manager's device. BF16 and I16 become float32 (BF16 must never reach DJL);
     * other types keep theirs.
     */
    public NDArray toNDArray(NDManager manager) {
        if (dtype == DType.BF16 || dtype == DType.I16) {
            return manager.create(toFloats(), djlShape());
        }
        DataType type = dtype.djlType();
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).order(ByteOrder.nativeOrder());
        direct.put(data); // stored little-endian, which is the native order DJL expects on x86/arm hosts
        direct.rewind();
        return manager.create(direct, djlShape(), type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && dtype == t.dtype && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
