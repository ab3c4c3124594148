package io.dihit.filter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.filter.CatRule;
import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.ClearNlpCaptionParser;
import io.dihit.filter.job.FilterJobConfig;
import io.dihit.filter.job.LocalFilterJob;
import io.dihit.filter.job.ClearNlpProcessorFactory;
import io.dihit.filter.job.SparkFilterJob;
import io.dihit.filter.spotting.TextMatcher;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;

/**
 * CAT caption throughput: parse + scene graph with 1 and 2 threads, the local job with 2 threads,
 * and the Spark job on local[2]. Captions are generated from templates (seeded) so runs compare.
 * Usage: FilterBenchmark [captions=3000]. Prints one line per figure.
 */
public final class FilterBenchmark {
    private static final String[] DETS = {"a", "the", "two", "three", "some"};
    private static final String[] ADJS = {"red", "small", "old", "happy", "wooden", "bright", "large", "young"};
    private static final String[] NOUNS = {"man", "woman", "dog", "cat", "child", "bike", "car", "ball", "table",
        "tree", "horse", "boat", "street", "beach", "kitchen", "phone", "book", "bench", "train", "bird"};
    private static final String[] VERBS = {"riding", "holding", "chasing", "watching", "carrying", "pushing",
        "eating", "reading", "throwing", "painting"};
    private static final String[] PREPS = {"on", "in", "near", "under", "behind", "next to"};

    private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private FilterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        List<String> captions = captions(n, new Random(42));
        System.out.printf("load average at start: %.2f (%d cores)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        CaptionAnalyzer analyzer = new CaptionAnalyzer(new ClearNlpCaptionParser());
        System.out.printf("model load: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        captions.subList(0, Math.min(300, n)).forEach(analyzer::analyze);

        double[] one = throughput(analyzer, captions, 1);
        double[] two = throughput(analyzer, captions, 2);
        System.out.printf("parse+graph, 1 thread : %.1f captions/s wall, %.1f captions per CPU-second%n", one[0], one[1]);
        System.out.printf("parse+graph, 2 threads: %.1f captions/s wall (x%.2f), %.1f captions per CPU-second%n",
                two[0], two[0] / one[0], two[1]);

        Path dir = Files.createTempDirectory("cat-bench");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
        StringBuilder sb = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < n; i++) {
            sb.append(json.writeValueAsString(Map.of("id", "b" + i, "image", "a.png", "caption", captions.get(i)))).append('\n');
        }
        Path manifest = dir.resolve("bench.jsonl");
        Files.writeString(manifest, sb);
        ClearNlpProcessorFactory factory = new ClearNlpProcessorFactory(CatRule.DEFAULT.withTextMatch(false),
                TextMatcher.Config.DEFAULT, 256, null, Map.of(), io.dihit.filter.job.ImageCheck.NONE);

        long s = System.nanoTime();
        new LocalFilterJob(FilterJobConfig.of(List.of(manifest), dir.resolve("local"), 2), factory.create()).run();
        double local = n / ((System.nanoTime() - s) / 1e9);
        System.out.printf("local job, 2 threads  : %.1f rows/s%n", local);

        try (SparkSession spark = SparkSession.builder().master("local[2]").appName("cat-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate()) {
            SparkFilterJob job = new SparkFilterJob(spark, factory);
            // Warm-up on a small slice so the timed run measures scoring, not Spark start-up.
            Path warm = dir.resolve("warm.jsonl");
            Files.writeString(warm, sb.substring(0, sb.indexOf("\n", sb.length() / 20) + 1));
            job.run(FilterJobConfig.of(List.of(warm), dir.resolve("spark-warm"), 1));
            // One task per input file: two halves keep both cores busy.
            int half = sb.indexOf("\n", sb.length() / 2) + 1;
            Path first = dir.resolve("half1.jsonl");
            Path second = dir.resolve("half2.jsonl");
            Files.writeString(first, sb.substring(0, half));
            Files.writeString(second, sb.substring(half));
            s = System.nanoTime();
            job.run(FilterJobConfig.of(List.of(first, second), dir.resolve("spark"), 1));
            double sparkRate = n / ((System.nanoTime() - s) / 1e9);
            System.out.printf("spark local[2]        : %.1f rows/s%n", sparkRate);
        }
        System.out.printf("load average at end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Returns {captions per wall second, captions per CPU second of the worker threads}. */
    private static double[] throughput(CaptionAnalyzer analyzer, List<String> captions, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * captions.size() / threads;
                int to = (t + 1) * captions.size() / threads;
                parts.add(pool.submit(() -> {
                    long cpu = CPU.getCurrentThreadCpuTime();
                    for (String c : captions.subList(from, to)) {
                        analyzer.analyze(c);
                    }
                    return CPU.getCurrentThreadCpuTime() - cpu;
                }));
            }
            long cpuNanos = 0;
            for (Future<Long> f : parts) {
                cpuNanos += f.get();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new double[] {captions.size() / wall, captions.size() / (cpuNanos / 1e9)};
        } finally {
            pool.shutdownNow();
        }
    }

    /** Template captions: scenes with actions, attribute-only phrases, and bare nouns. */
    static List<String> captions(int n, Random r) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (r.nextInt(4)) {
                case 0, 1 -> String.join(" ", pick(r, DETS), pick(r, ADJS), pick(r, NOUNS), pick(r, VERBS), "a",
                        pick(r, NOUNS), pick(r, PREPS), "the", pick(r, NOUNS));
                case 2 -> String.join(" ", pick(r, DETS), pick(r, ADJS), pick(r, NOUNS), pick(r, PREPS), "a", pick(r, NOUNS));
                default -> pick(r, ADJS) + " " + pick(r, NOUNS);
            });
        }
        return out;
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }
}
