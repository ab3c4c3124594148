package io.dihit.eval.retrieval;

import io.dihit.core.util.ParallelMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-k columns of every row of a {@link SimilaritySource}, reading it in (chunk x chunk) blocks so memory is
 * O(chunk^2 + rows * k) whatever the matrix size. Order: higher score first, equal scores by lower column
 * index (deterministic, and what a stable descending sort gives). NaN scores rank last.
 */
public final class ChunkedTopK {
    private final int chunk;
    private final int threads;

    /**
     * @param chunk rows and columns per block (e.g. 1024)
     * @param threads worker threads over row chunks (1 = caller's thread only)
     */
    public ChunkedTopK(int chunk, int threads) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.chunk = chunk;
        this.threads = threads;
    }

    /** Returns {@code top[row][rank]} = column index; k is capped at the column count. */
    public int[][] topK(SimilaritySource s, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int kk = Math.min(k, s.cols());
        int[][] top = new int[s.rows()][];
        List<int[]> ranges = new ArrayList<>();
        for (int r0 = 0; r0 < s.rows(); r0 += chunk) {
            ranges.add(new int[] {r0, Math.min(s.rows(), r0 + chunk)});
        }
        // Each chunk writes its own rows of top.
        ParallelMap.map(ranges, threads, "topk", range -> {
            rowChunk(s, range[0], range[1], kk, top);
            return range;
        });
        return top;
    }

    private void rowChunk(SimilaritySource s, int r0, int r1, int k, int[][] top) {
        int rows = r1 - r0;
        float[][] bestScore = new float[rows][k];
        int[][] bestIndex = new int[rows][k];
        int[] filled = new int[rows];
        float[] block = new float[rows * Math.min(chunk, s.cols())];
        for (int c0 = 0; c0 < s.cols(); c0 += chunk) {
            int c1 = Math.min(s.cols(), c0 + chunk);
            int cs = c1 - c0;
            s.block(r0, r1, c0, c1, block);
            for (int r = 0; r < rows; r++) {
                float[] bs = bestScore[r];
                int[] bi = bestIndex[r];
                int n = filled[r];
                int base = r * cs;
                for (int c = 0; c < cs; c++) {
                    float v = block[base + c];
                    if (Float.isNaN(v)) {
                        v = Float.NEGATIVE_INFINITY;
                    }
                    // Columns arrive in increasing order, so a tie never displaces an earlier column.
                    if (n == k && !(v > bs[k - 1])) {
                        continue;
                    }
                    int pos = n == k ? k - 1 : n++;
                    while (pos > 0 && v > bs[pos - 1]) {
                        bs[pos] = bs[pos - 1];
                        bi[pos] = bi[pos - 1];
                        pos--;
                    }
                    bs[pos] = v;
                    bi[pos] = c0 + c;
                }
                filled[r] = n;
            }
        }
        for (int r = 0; r < rows; r++) {
            top[r0 + r] = bestIndex[r];
        }
    }
}
