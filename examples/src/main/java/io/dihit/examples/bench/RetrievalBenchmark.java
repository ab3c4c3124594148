package io.dihit.examples.bench;

import io.dihit.eval.retrieval.ChunkedTopK;
import io.dihit.eval.retrieval.EmbeddingSimilarity;
import io.dihit.eval.retrieval.EngineSimilarity;
import io.dihit.eval.retrieval.RetrievalMetrics;

/**
 * Times zero-shot retrieval (both directions, R@1/5/10, chunked top-k) on random embeddings whose captions are
 * noisy copies of their image, so the recall figures are neither 0 nor 1.
 * Usage: {@code RetrievalBenchmark [images=10000] [captionsPerImage=1] [dim=256] [chunk=1024] [threads=2] [java|engine]}:
 * "java" = plain-Java blocks over {@code threads} workers, "engine" = DJL engine matmul (its own threads).
 */
public final class RetrievalBenchmark {
    private RetrievalBenchmark() {}

    public static void main(String[] args) {
        int images = arg(args, 0, 10_000);
        int perImage = arg(args, 1, 1);
        int dim = arg(args, 2, 256);
        int chunk = arg(args, 3, 1024);
        int threads = arg(args, 4, 2);
        NoisyCaptionEmbeddings set = NoisyCaptionEmbeddings.generate(images, perImage, dim, 4f, 0);
        float[][] img = set.images();
        float[][] txt = set.captions();
        int[] link = set.captionOwner();
        boolean engine = args.length > 5 && args[5].equals("engine");
        ChunkedTopK topK = new ChunkedTopK(chunk, engine ? 1 : threads);
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            RetrievalMetrics m;
            if (engine) {
                try (EngineSimilarity s = EngineSimilarity.cosine(img, txt, ai.djl.Device.cpu())) {
                    m = RetrievalMetrics.compute(s, link, RetrievalMetrics.DEFAULT_KS, topK);
                }
            } else {
                m = RetrievalMetrics.compute(EmbeddingSimilarity.cosine(img, txt), link, RetrievalMetrics.DEFAULT_KS, topK);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            double gmacs = 2.0 * images * txt.length * dim / 1e9; // both directions
            System.out.printf("%s %s: %d images x %d texts, dim %d, chunk %d, %d threads: wall %.2f s, process CPU %.2f s"
                            + " (%.2f GMAC per CPU-second)%n  %s%n",
                    run == 0 ? "warm-up" : "timed  ", engine ? "engine" : "java", images, txt.length, dim, chunk, threads, seconds, cpu, gmacs / cpu,
                    m.recalls());
        }
    }

    /** CPU time of the whole JVM: on a shared machine wall time mostly measures the neighbours. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
