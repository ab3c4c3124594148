package io.dihit.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {
    // 3 images, 5 captions: captions 0,1 -> image 0; caption 2 -> image 1; captions 3,4 -> image 2.
    private static final int[] TEXT_TO_IMAGE = {0, 0, 1, 2, 2};
    private static final float[][] S = {
        {0.9f, 0.1f, 0.8f, 0.2f, 0.3f},
        {0.7f, 0.6f, 0.5f, 0.4f, 0.3f},
        {0.2f, 0.1f, 0.8f, 0.1f, 0.05f},
    };

    @Test
    void handBuiltMatrixGivesHandComputedRecalls() {
        // image->text ranks of the best own caption: img0 0, img1 2 (after t0, t1), img2 3 (t2, t0, then t1 ties t3
        // and wins by lower index). text->image ranks: t0 0, t1 1 (img1 first, img0 ties img2 and wins), t2..t4 2.
        for (ChunkedTopK topK : new ChunkedTopK[] {new ChunkedTopK(1024, 1), new ChunkedTopK(2, 2), new ChunkedTopK(1, 3)}) {
            RetrievalMetrics m = RetrievalMetrics.compute(new DenseSimilarity(S), TEXT_TO_IMAGE, new int[] {3, 1, 2}, topK);
            assertEquals(3, m.images());
            assertEquals(5, m.texts());
            assertEquals(1.0 / 3, m.at(1).imageToText(), 1e-12);
            assertEquals(1.0 / 3, m.at(2).imageToText(), 1e-12);
            assertEquals(2.0 / 3, m.at(3).imageToText(), 1e-12);
            assertEquals(1.0 / 5, m.at(1).textToImage(), 1e-12);
            assertEquals(2.0 / 5, m.at(2).textToImage(), 1e-12);
            assertEquals(1.0, m.at(3).textToImage(), 1e-12);
            assertEquals(java.util.List.of(1, 2, 3), m.recalls().stream().map(RetrievalMetrics.RecallAtK::k).toList());
        }
    }

    @Test
    void topKOrdersByScoreThenIndex() {
        int[][] top = new ChunkedTopK(2, 1).topK(new DenseSimilarity(S), 4);
        assertArrayEquals(new int[] {0, 2, 4, 3}, top[0]);
        assertArrayEquals(new int[] {2, 0, 1, 3}, top[2]);
        int[][] cols = new ChunkedTopK(2, 1).topK(new DenseSimilarity(S).transposed(), 10);
        assertArrayEquals(new int[] {1, 0, 2}, cols[1]);
    }

    @Test
    void chunkedTopKMatchesBruteForceSortWithTies() {
        Random rnd = new Random(7);
        int rows = 157;
        int cols = 211;
        float[][] s = new float[rows][cols];
        for (float[] row : s) {
            for (int c = 0; c < cols; c++) {
                row[c] = rnd.nextInt(40) / 40f; // coarse values: many ties
            }
        }
        int[][] expected = bruteTopK(s, 10);
        for (int chunk : new int[] {1, 7, 64, 500}) {
            for (int threads : new int[] {1, 3}) {
                int[][] got = new ChunkedTopK(chunk, threads).topK(new DenseSimilarity(s), 10);
                for (int r = 0; r < rows; r++) {
                    assertArrayEquals(expected[r], got[r], "chunk " + chunk + " row " + r);
                }
            }
        }
    }

    @Test
    void recallsFromEmbeddingsMatchBruteForce() {
        int images = 120;
        int perImage = 3;
        int dim = 16;
        // random images; each caption is a noisy copy of its image, so recalls are neither 0 nor 1
        Random rnd = new Random(3);
        float[][] img = new float[images][dim];
        float[][] txt = new float[images * perImage][dim];
        int[] link = new int[txt.length];
        for (int t = 0; t < txt.length; t++) {
            link[t] = t / perImage;
            for (int d = 0; d < dim; d++) {
                if (t % perImage == 0) {
                    img[link[t]][d] = (float) rnd.nextGaussian();
                }
                txt[t][d] = img[link[t]][d] + 1.5f * (float) rnd.nextGaussian();
            }
        }
        float[][] cos = new float[images][txt.length];
        for (int i = 0; i < images; i++) {
            for (int t = 0; t < txt.length; t++) {
                cos[i][t] = (float) cosine(img[i], txt[t]);
            }
        }
        RetrievalMetrics got = RetrievalMetrics.compute(EmbeddingSimilarity.cosine(img, txt), link, RetrievalMetrics.DEFAULT_KS,
                new ChunkedTopK(50, 2));
        int[][] i2t = bruteTopK(cos, txt.length);
        int[][] t2i = bruteTopK(transpose(cos), images);
        for (int k : RetrievalMetrics.DEFAULT_KS) {
            int kk = k;
            double expI2t = IntStream.range(0, images)
                    .filter(i -> Arrays.stream(i2t[i], 0, kk).anyMatch(t -> link[t] == i)).count() / (double) images;
            double expT2i = IntStream.range(0, txt.length)
                    .filter(t -> Arrays.stream(t2i[t], 0, kk).anyMatch(i -> i == link[t])).count() / (double) txt.length;
            assertEquals(expI2t, got.at(k).imageToText(), 1e-12, "i2t R@" + k);
            assertEquals(expT2i, got.at(k).textToImage(), 1e-12, "t2i R@" + k);
        }
        // The noise level leaves the task neither trivial nor hopeless, so the comparison above is meaningful.
        double r1 = got.at(1).imageToText();
        org.junit.jupiter.api.Assertions.assertTrue(r1 > 0.1 && r1 < 0.95, "R@1 " + r1);
    }

    @Test
    void rejectsImagesWithoutCaptionsAndBadLinks() {
        DenseSimilarity s = new DenseSimilarity(S);
        ChunkedTopK topK = new ChunkedTopK(4, 1);
        assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.compute(s, new int[] {0, 0, 1, 1, 1}, RetrievalMetrics.DEFAULT_KS, topK));
        assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.compute(s, new int[] {0, 0, 1, 2, 3}, RetrievalMetrics.DEFAULT_KS, topK));
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(s, new int[] {0, 1, 2}, new int[] {1}, topK));
    }

    static int[][] bruteTopK(float[][] s, int k) {
        int[][] out = new int[s.length][];
        for (int r = 0; r < s.length; r++) {
            float[] row = s[r];
            out[r] = IntStream.range(0, row.length).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(c -> -row[c]).thenComparingInt(c -> c))
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
