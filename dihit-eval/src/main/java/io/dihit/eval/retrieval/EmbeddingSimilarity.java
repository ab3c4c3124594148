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

    @Override
    public void block(int r0, int r1, int c0, int c1, float[] out) {
        int cs = c1 - c0;
        for (int r = r0; r < r1; r++) {
            float[] q = queries[r];
            int base = (r - r0) * cs;
            for (int c = c0; c < c1; c++) {
                out[base + c - c0] = Vectors.dot(q, targets[c]);
            }
        }
    }

    @Override
    public SimilaritySource transposed() {
        return new EmbeddingSimilarity(targets, queries);
    }
}
