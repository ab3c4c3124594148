package io.dihit.eval.retrieval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.dihit.eval.math.Vectors;

/**
 * Cosine similarity computed block by block with the DJL engine's matrix multiply (BLAS on CPU, cuBLAS on a GPU):
 * much faster than the plain-Java {@link EmbeddingSimilarity} for large sets. Holds both embedding sets on the
 * device; close it to free them. Use with a single-threaded {@link ChunkedTopK}: the engine parallelises each
 * multiply itself.
 */
public final class EngineSimilarity implements SimilaritySource, AutoCloseable {
    private final NDManager manager;
    private final NDArray queries;
    private final NDArray targets;

    private EngineSimilarity(NDManager manager, NDArray queries, NDArray targets) {
        this.manager = manager;
        this.queries = queries;
        this.targets = targets;
    }

    public static EngineSimilarity cosine(float[][] queries, float[][] targets, Device device) {
        int dq = Vectors.requireRectangular(queries, "queries");
        int dt = Vectors.requireRectangular(targets, "targets");
        if (dq != dt) {
            throw new IllegalArgumentException("query dim " + dq + " != target dim " + dt);
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            NDArray q = manager.create(Vectors.normalizedRows(queries));
            NDArray t = manager.create(Vectors.normalizedRows(targets));
            return new EngineSimilarity(manager, q, t);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int rows() {
        return (int) queries.getShape().get(0);
    }

    @Override
    public int cols() {
        return (int) targets.getShape().get(0);
    }

    @Override
    public void block(int r0, int r1, int c0, int c1, float[] out) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray q = queries.get(new NDIndex("{}:{}", r0, r1));
            q.attach(scope);
            NDArray t = targets.get(new NDIndex("{}:{}", c0, c1));
            t.attach(scope);
            NDArray s = q.matMul(t.transpose());
            s.attach(scope);
            float[] values = s.toFloatArray();
            System.arraycopy(values, 0, out, 0, values.length);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
