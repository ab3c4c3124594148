package io.dihit.eval.retrieval;

import io.dihit.eval.math.Vectors;

/**
 * Cosine similarity between two embedding sets, computed on demand block by block (memory is the embeddings
 * plus one block). Rows are L2-normalised once at construction.
 */
public final class EmbeddingSimilarity implements SimilaritySource {
    private final float[][] queries;
    private final float[][] targets;

    private EmbeddingSimilarity(float[][] queries, float[][] targets) {
        this.queries = queries;
        this.targets = targets;
    }

    /** s(i, j) = cos(queries[i], targets[j]). */
    public static EmbeddingSimilarity cosine(float[][] queries, float[][] targets) {
        int dq = Vectors.requireRectangular(queries, "queries");
        int dt = Vectors.requireRectangular(targets, "targets");
        if (dq != dt) {
            throw new IllegalArgumentException("query dim " + dq + " != target dim " + dt);
        }
        return new EmbeddingSimilarity(Vectors.normalizedRows(queries), Vectors.normalizedRows(targets));
    }

    @Override
    public int rows() {
        return queries.length;
    }

    @Override
    public int cols() {
        return targets.length;
    }

    /** Columns per inner tile: a (dim x TILE) slice of the transposed targets stays in L1/L2 cache. */
    private static final int TILE = 64;

    /**
     * Row-times-column block in "axpy" order over a transposed copy of the target chunk: the innermost loop
     * runs over contiguous columns, which the JIT vectorises (a dot-product loop would be a scalar reduction).
     * Four query rows share each load of the targets, and columns go in cache-sized tiles.
     */
    @Override
    public void block(int r0, int r1, int c0, int c1, float[] out) {
        int cs = c1 - c0;
        int dim = targets[0].length;
        float[] tT = new float[dim * TILE];
        // Separate accumulators per row: offsets into one shared array would look like aliasing to the JIT.
        float[] o0 = new float[TILE];
        float[] o1 = new float[TILE];
        float[] o2 = new float[TILE];
        float[] o3 = new float[TILE];
        for (int t0 = 0; t0 < cs; t0 += TILE) {
            int w = Math.min(TILE, cs - t0);
            for (int c = 0; c < w; c++) {
                float[] t = targets[c0 + t0 + c];
                for (int d = 0; d < dim; d++) {
                    tT[d * w + c] = t[d];
                }
            }
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                float[] q0 = queries[r];
                float[] q1 = queries[r + 1];
                float[] q2 = queries[r + 2];
                float[] q3 = queries[r + 3];
                java.util.Arrays.fill(o0, 0f);
                java.util.Arrays.fill(o1, 0f);
                java.util.Arrays.fill(o2, 0f);
                java.util.Arrays.fill(o3, 0f);
                for (int d = 0; d < dim; d++) {
                    float a0 = q0[d];
                    float a1 = q1[d];
                    float a2 = q2[d];
                    float a3 = q3[d];
                    int off = d * w;
                    for (int c = 0; c < w; c++) {
                        float v = tT[off + c];
                        o0[c] += a0 * v;
                        o1[c] += a1 * v;
                        o2[c] += a2 * v;
                        o3[c] += a3 * v;
                    }
                }
                int b0 = (r - r0) * cs + t0;
                System.arraycopy(o0, 0, out, b0, w);
                System.arraycopy(o1, 0, out, b0 + cs, w);
                System.arraycopy(o2, 0, out, b0 + 2 * cs, w);
                System.arraycopy(o3, 0, out, b0 + 3 * cs, w);
            }
            for (; r < r1; r++) {
                float[] q = queries[r];
                java.util.Arrays.fill(o0, 0f);
                for (int d = 0; d < dim; d++) {
                    float a = q[d];
                    int off = d * w;
                    for (int c = 0; c < w; c++) {
                        o0[c] += a * tT[off + c];
                    }
                }
                System.arraycopy(o0, 0, out, (r - r0) * cs + t0, w);
            }
        }
    }

    @Override
    public SimilaritySource transposed() {
        return new EmbeddingSimilarity(targets, queries);
    }
}
