package io.dihit.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngineSimilarityTest {
    @Test
    void engineBlocksAndRecallsMatchPlainJava() {
        Random rnd = new Random(5);
        float[][] q = new float[70][24];
        float[][] t = new float[90][24];
        for (float[][] m : new float[][][] {q, t}) {
            for (float[] row : m) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = (float) rnd.nextGaussian();
                }
            }
        }
        EmbeddingSimilarity java = EmbeddingSimilarity.cosine(q, t);
        try (EngineSimilarity engine = EngineSimilarity.cosine(q, t, Device.cpu())) {
            float[] a = new float[13 * 40];
            float[] b = new float[13 * 40];
            java.block(20, 33, 45, 85, a);
            engine.block(20, 33, 45, 85, b);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5f);
            }
            java.transposed().block(45, 85, 20, 33, a);
            engine.transposed().block(45, 85, 20, 33, b);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5f);
            }
            int[] link = new int[90];
            for (int i = 0; i < link.length; i++) {
                link[i] = i % 70;
            }
            RetrievalMetrics mj = RetrievalMetrics.compute(java, link, RetrievalMetrics.DEFAULT_KS, new ChunkedTopK(16, 2));
            RetrievalMetrics me = RetrievalMetrics.compute(engine, link, RetrievalMetrics.DEFAULT_KS, new ChunkedTopK(32, 1));
            assertEquals(mj, me);
        }
    }
}
