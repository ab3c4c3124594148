package io.dihit.core.io;

/**
 * Gathers a strided view of a storage into contiguous row-major bytes, checking every index is inside the
 * storage. A view that is exactly its whole storage returns the storage array itself (tensors never modify it).
 */
final class StridedCopy {
    private StridedCopy() {
    }

    /**
     * @param storage raw storage bytes ({@code numel * itemSize})
     * @param offset first element of the view, in elements
     * @param shape view shape
     * @param strides view strides, in elements
     */
    static byte[] contiguous(byte[] storage, int itemSize, long numel, long offset, long[] shape, long[] strides) {
        long count = 1;
        long maxIndex = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || strides[i] < 0) {
                throw new IllegalArgumentException("negative size or stride");
            }
            count = Math.multiplyExact(count, shape[i]);
            if (shape[i] > 0) {
                maxIndex = Math.addExact(maxIndex, Math.multiplyExact(shape[i] - 1, strides[i]));
            }
        }
        if (count == 0) {
            return new byte[0];
        }
        if (offset < 0 || maxIndex >= numel) {
            throw new IllegalArgumentException("view (offset " + offset + ", last element " + maxIndex
                    + ") reaches outside the storage of " + numel + " elements");
        }
        long bytes = Math.multiplyExact(count, itemSize);
        boolean rowMajor = isRowMajor(shape, strides);
        if (rowMajor && offset == 0 && bytes == storage.length) {
            return storage; // the usual state-dict case: the tensor is its whole storage, share it (no copy)
        }
        byte[] out = new byte[Math.toIntExact(bytes)];
        if (rowMajor) {
            System.arraycopy(storage, Math.toIntExact(offset * itemSize), out, 0, out.length);
            return out;
        }
        long[] index = new long[shape.length];
        long src = offset;
        for (int o = 0; o < out.length; o += itemSize) {
            System.arraycopy(storage, (int) (src * itemSize), out, o, itemSize);
            for (int d = shape.length - 1; d >= 0; d--) { // odometer increment
                index[d]++;
                src += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                src -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    private static boolean isRowMajor(long[] shape, long[] strides) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
