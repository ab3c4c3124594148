package io.dihit.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays made from Java memory, copied into the engine's own (aligned) allocation. The values pass
 * through one direct buffer per thread, reused for every batch: handing DJL a Java array instead makes
 * it allocate a fresh direct buffer per call, whose native memory is only freed when the garbage
 * collector gets to it (with a pinned heap that is rare, and the pending buffers swung RSS by tens of MB).
 */
final class EngineArrays {

    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    private EngineArrays() {}

    static NDArray floats(NDManager manager, float[] values, Shape shape) {
        ByteBuffer staging = staging(4L * values.length);
        staging.asFloatBuffer().put(values);
        return copied(manager.create(staging, shape, DataType.FLOAT32));
    }

    static NDArray ints(NDManager manager, int[] values, Shape shape) {
        ByteBuffer staging = staging(4L * values.length);
        staging.asIntBuffer().put(values);
        return copied(manager.create(staging, shape, DataType.INT32));
    }

    /** This thread's staging buffer, grown when too small, positioned at 0 with exactly {@code bytes} remaining. */
    private static ByteBuffer staging(long bytes) {
        ByteBuffer buffer = STAGING.get();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(bytes, Math.min(Integer.MAX_VALUE, 2L * buffer.capacity()))));
            STAGING.set(buffer);
        }
        buffer.clear().limit((int) bytes);
        return buffer.order(ByteOrder.nativeOrder());
    }

    /**
     * An engine-allocated copy of an array that views Java memory. The copy matters: the view has
     * whatever alignment its buffer got, and BLAS kernels may sum in a different order for differently
     * aligned data, which would make runs differ in the last bits (and resumed runs drift from
     * uninterrupted ones).
     */
    private static NDArray copied(NDArray view) {
        NDArray copy = view.duplicate();
        view.close();
        return copy;
    }
}
