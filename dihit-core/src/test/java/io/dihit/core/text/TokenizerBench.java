package io.dihit.core.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tokenizer and BPE-trainer throughput on synthetic captions (not a test: a main, see docs/benchmarks.md).
 * Args: path to the CLIP merges file, number of captions (default 100000). Each figure is the best of 3 runs.
 */
public final class TokenizerBench {
    private static final String[] SUBJECTS = {"a man", "a woman", "two dogs", "the cat", "a young girl", "an old car",
        "a red bus", "three children", "a smiling face", "the yellow flag", "a wooden boat", "a plate of food",
        "a group of people", "a bicycle", "the mountain", "a small house", "an airplane", "a pizza", "a horse"};
    private static final String[] VERBS = {"sitting on", "running through", "standing next to", "parked near",
        "flying over", "lying in", "looking at", "playing with", "covered in", "holding", "riding", "eating"};
    private static final String[] OBJECTS = {"the beach", "a busy street", "the snow", "a green field", "the kitchen",
        "a table", "the water", "a city park", "the sunset", "a stone wall", "the crowd", "a wooden bench"};
    private static final String[] EXTRAS = {"", "", "", " at night", " in the rain", ", high resolution photo",
        " (stock image)", " #travel #photography", " - 4K wallpaper", ". Free shipping!", " 😀", " 東京", " в Москве",
        " size 10 men's shoes", " it's beautiful", " &amp; friends", " 2019-07-14"};
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyz".toCharArray();

    private TokenizerBench() {
    }

    static List<String> captions(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(80);
            sb.append(pick(rnd, SUBJECTS)).append(' ').append(pick(rnd, VERBS)).append(' ').append(pick(rnd, OBJECTS));
            if (rnd.nextInt(4) == 0) {
                // a rare word (product code, name, typo): the case the BPE cache cannot help with
                sb.append(' ');
                for (int k = 4 + rnd.nextInt(6); k > 0; k--) {
                    sb.append(LETTERS[rnd.nextInt(LETTERS.length)]);
                }
                sb.append(rnd.nextInt(1000));
            }
            sb.append(pick(rnd, EXTRAS));
            if (rnd.nextBoolean()) {
                sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String pick(Random rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    public static void main(String[] args) throws Exception {
        Path merges = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<String> captions = captions(n, 42);
        long ids = 0;
        ClipTokenizer counter = ClipTokenizer.fromMerges(merges);
        for (String c : captions) {
            ids += counter.encode(c).length;
        }
        System.out.printf("captions: %d, BPE ids: %d (%.1f per caption), CPUs: %d%n", n, ids, ids / (double) n,
                Runtime.getRuntime().availableProcessors());
        // JIT warm-up on other captions
        ClipTokenizer warm = ClipTokenizer.fromMerges(merges);
        warm.tokenize(captions(20_000, 7), 77);

        for (int threads = 1; threads <= 2; threads++) {
            report(threads + " thread(s), no cache", n, ids, best(merges, 0, captions, threads, false));
            report(threads + " thread(s), cold cache", n, ids, best(merges, ClipTokenizer.DEFAULT_CACHE_WORDS, captions, threads, false));
            report(threads + " thread(s), warm cache", n, ids, best(merges, ClipTokenizer.DEFAULT_CACHE_WORDS, captions, threads, true));
        }
        for (int vocab : new int[] {8192}) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            BpeTrainer trainer = new BpeTrainer(BpeTrainer.Config.ofVocabSize(vocab)).addAll(captions);
            long t1 = System.nanoTime();
            BpeTrainer.Result r = trainer.train();
            long t2 = System.nanoTime();
            System.out.printf("BpeTrainer vocab %d: counted %d captions (%d distinct words) in %.2f s, "
                    + "learned %d merges in %.2f s (vocab %d); %.2f CPU-s in all%n", vocab, r.captions(),
                    r.distinctWords(), (t1 - t0) / 1e9, r.merges().size(), (t2 - t1) / 1e9, r.vocabSize(),
                    (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
        }
    }

    /** Wall time and the CPU time the worker threads used (the machine is shared, so both are shown). */
    private record Timing(double wallSeconds, double cpuSeconds) {
    }

    private static void report(String label, int captions, long ids, Timing t) {
        System.out.printf("%-24s wall %6.3f s %,11.0f tokens/s %,9.0f captions/s | per CPU-second %,11.0f tokens %,9.0f captions%n",
                label, t.wallSeconds(), ids / t.wallSeconds(), captions / t.wallSeconds(), ids / t.cpuSeconds(),
                captions / t.cpuSeconds());
    }

    /** Best (shortest wall time) of 3 runs, each on a fresh tokenizer, optionally warmed by one untimed pass. */
    private static Timing best(Path merges, int cacheWords, List<String> captions, int threads, boolean warm)
            throws Exception {
        Timing best = null;
        for (int rep = 0; rep < 3; rep++) {
            ClipTokenizer tok = ClipTokenizer.fromMerges(merges, cacheWords);
            if (warm) {
                tok.tokenize(captions, 77);
            }
            Timing t = time(tok, captions, threads);
            if (best == null || t.wallSeconds() < best.wallSeconds()) {
                best = t;
            }
        }
        return best;
    }

    /** Tokenizes all captions to 77-token rows, split evenly over {@code threads}. */
    private static Timing time(ClipTokenizer tok, List<String> captions, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<long[]>> parts = new ArrayList<>();
            int chunk = (captions.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<String> part = captions.subList(t * chunk, Math.min(captions.size(), (t + 1) * chunk));
                parts.add(pool.submit(() -> {
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    int rows = tok.tokenize(part, 77).length;
                    return new long[] {rows, THREADS.getCurrentThreadCpuTime() - cpu0};
                }));
            }
            long rows = 0;
            long cpuNanos = 0;
            for (Future<long[]> f : parts) {
                rows += f.get()[0];
                cpuNanos += f.get()[1];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (rows != captions.size()) {
                throw new IllegalStateException("lost rows");
            }
            return new Timing(seconds, cpuNanos / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
