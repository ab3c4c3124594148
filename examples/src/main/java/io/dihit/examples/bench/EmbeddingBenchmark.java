package io.dihit.examples.bench;

import ai.djl.Device;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.model.ClipConfig;
import io.dihit.eval.data.FashionMnist;
import io.dihit.eval.data.FirstN;
import io.dihit.eval.data.LabeledImages;
import io.dihit.eval.embed.ImageEmbeddings;
import java.util.Arrays;
import java.util.Random;

/**
 * Embedding throughput of a randomly initialised model (speed does not depend on the weights):
 * (1) the image tower alone on ready pixel batches, (2) the whole extraction path on Fashion-MNIST test images
 * (decode, resize + centre crop, normalise, encode), (3) the text tower on token rows.
 * Usage: {@code EmbeddingBenchmark [config=bench_small] [images=512] [batch=64] [device=cpu]}.
 */
public final class EmbeddingBenchmark {
    private EmbeddingBenchmark() {}

    public static void main(String[] args) throws Exception {
        String config = args.length > 0 ? args[0] : "bench_small";
        int n = RetrievalBenchmark.arg(args, 1, 512);
        int batch = RetrievalBenchmark.arg(args, 2, 64);
        Device device = args.length > 3 ? Device.fromName(args[3]) : Device.cpu();
        try (Clip enc = Clip.randomlyInitialised(ClipConfig.named(config),
                ClipOptions.defaults().withDevice(device).withBatchSize(batch))) {
            int size = enc.config().vision().imageSize();
            float[] pixels = new float[n * 3 * size * size];
            Random rnd = new Random(0);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) rnd.nextGaussian();
            }
            enc.encodePreprocessed(pixels, Math.min(n, batch)); // warm-up
            report("image tower (ready pixels)", n, config, batch, () -> enc.encodePreprocessed(pixels, n));

            LabeledImages images = FirstN.of(FashionMnist.load(FashionMnist.Split.TEST), n);
            ImageEmbeddings extraction = new ImageEmbeddings(enc, "bench", null);
            report("extraction (Fashion-MNIST 28px -> " + size + "px, decode + preprocess + encode)", n, config, batch,
                    () -> extraction.compute(images));

            int ctx = enc.config().text().contextLength();
            int[][] tokens = new int[n][ctx];
            for (int[] row : tokens) {
                int len = 5 + rnd.nextInt(Math.max(1, ctx - 6));
                row[0] = 0;
                for (int j = 1; j < len; j++) {
                    row[j] = 1 + rnd.nextInt(255);
                }
                row[len] = enc.config().text().vocabSize() - 1; // end-of-text: the largest id, where the tower pools
                Arrays.fill(row, len + 1, ctx, 0);
            }
            report("text tower (token rows, context " + ctx + ")", n, config, batch, () -> enc.encodeTokens(tokens));
        }
    }

    private static void report(String what, int n, String config, int batch, Runnable work) {
        long t0 = System.nanoTime();
        long cpu0 = RetrievalBenchmark.processCpuNanos();
        work.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (RetrievalBenchmark.processCpuNanos() - cpu0) / 1e9;
        System.out.printf("%s, %s, batch %d: %d in %.2f s wall = %.1f/s; process CPU %.2f s = %.1f per CPU-second%n",
                what, config, batch, n, wall, n / wall, cpu, n / cpu);
    }
}
