package io.dihit.eval.retrieval;

/**
 * A (rows x cols) similarity matrix read block by block, so matrices far larger than memory can be ranked.
 * Implementations must be safe to read from several threads at once.
 */
public interface SimilaritySource {
    int rows();

    int cols();

    /**
     * Writes s(r, c) for r in [r0, r1), c in [c0, c1) into {@code out}, row-major with row stride (c1 - c0).
     */
    void block(int r0, int r1, int c0, int c1, float[] out);

    /** The same matrix with rows and columns swapped. */
    default SimilaritySource transposed() {
        SimilaritySource self = this;
        return new SimilaritySource() {
            @Override
            public int rows() {
                return self.cols();
            }

            @Override
            public int cols() {
                return self.rows();
            }

            @Override
            public void block(int r0, int r1, int c0, int c1, float[] out) {
                int rs = r1 - r0;
                int cs = c1 - c0;
                float[] tmp = new float[rs * cs];
                self.block(c0, c1, r0, r1, tmp);
                for (int c = 0; c < cs; c++) {
                    for (int r = 0; r < rs; r++) {
                        out[r * cs + c] = tmp[c * rs + r];
                    }
                }
            }

            @Override
            public SimilaritySource transposed() {
                return self;
            }
        };
    }
}
