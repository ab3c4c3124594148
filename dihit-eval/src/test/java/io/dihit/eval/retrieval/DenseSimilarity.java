package io.dihit.eval.retrieval;

import io.dihit.eval.math.Vectors;

/** A similarity matrix held in memory, e.g. hand-built in tests or already computed elsewhere. */
public final class DenseSimilarity implements SimilaritySource {
    private final float[][] s;
    private final int cols;

    public DenseSimilarity(float[][] s) {
        this.cols = Vectors.requireRectangular(s, "similarity matrix");
        this.s = s;
    }

    @Override
    public int rows() {
        return s.length;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public void block(int r0, int r1, int c0, int c1, float[] out) {
        int cs = c1 - c0;
        for (int r = r0; r < r1; r++) {
            System.arraycopy(s[r], c0, out, (r - r0) * cs, cs);
        }
    }
}
