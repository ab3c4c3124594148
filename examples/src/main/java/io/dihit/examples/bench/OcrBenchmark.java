package io.dihit.examples.bench;

import io.dihit.examples.bench.EmojiTextSpottingCheck.Sample;
import io.dihit.examples.bench.EmojiTextSpottingCheck.Summary;
import io.dihit.filter.ocr.PaddleOcrConfig;
import io.dihit.filter.ocr.PaddleOcrSpotter;
import io.dihit.filter.ocr.TesseractConfig;
import io.dihit.filter.ocr.TesseractSpotter;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OCR throughput and accuracy of each text spotter on the emoji check set (google + twitter 64 px
 * pictures; text emoji plus every {@code stride}-th no-text emoji), PNG decoding included.
 *
 * <p>Images/s per core = images / CPU seconds spent (this JVM's CPU time plus that of the tesseract
 * child processes it waited for, from {@code /proc/self/stat}), measured with one worker thread and
 * one engine thread; CPU time is what a shared, busy machine measures fairly. Wall-clock images/s
 * with one and two worker threads give the scaling (meaningful only on an otherwise idle machine:
 * the load average is printed). Every timed pass follows an untimed pass over the same images,
 * which also gives the accuracy figures. Run from the project root after
 * {@code bash .ci/setup.d/20-ocr.sh}:
 *
 * <pre>
 * java -cp ... io.dihit.examples.bench.OcrBenchmark [--project-dir .] [--stride 4] [--engines paddle,tesseract-psm7,tesseract-psm11]
 * </pre>
 */
public final class OcrBenchmark {

    private OcrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path projectDir = Path.of(".");
        int stride = 4;
        List<String> engines = List.of("paddle", "tesseract-psm7", "tesseract-psm11");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--project-dir" -> projectDir = Path.of(args[++i]);
                case "--stride" -> stride = Integer.parseInt(args[++i]);
                case "--engines" -> engines = List.of(args[++i].split(","));
                case "--help", "-h" -> {
                    System.out.println("usage: OcrBenchmark [--project-dir DIR] [--stride N] [--engines paddle,tesseract-psm7,tesseract-psm11]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        Path nodeModules = EmojiTextSpottingCheck.nodeModules(projectDir);
        List<Sample> samples = EmojiTextSpottingCheck.samples(nodeModules, stride);
        System.out.printf(Locale.ROOT, "OCR benchmark: %d emoji pictures (no-text stride %d), %d cores available%n",
                samples.size(), stride, Runtime.getRuntime().availableProcessors());
        TextMatcher matcher = new TextMatcher();
        for (String engine : engines) {
            try (TextSpotter spotter = open(engine, nodeModules)) {
                Summary summary = EmojiTextSpottingCheck.summarise(EmojiTextSpottingCheck.run(spotter, matcher, samples, 1));
                double cpuBefore = cpuSeconds();
                double oneThread = imagesPerSecond(spotter, matcher, samples, 1);
                double perCore = samples.size() / (cpuSeconds() - cpuBefore);
                double twoThreads = imagesPerSecond(spotter, matcher, samples, 2);
                System.out.printf(Locale.ROOT, "%-20s %6.1f images/s per core (CPU time); wall: %6.1f images/s with 1 thread,"
                                + " %6.1f with 2 (x%.2f), load average %s; %s%n", spotter.name(), perCore, oneThread, twoThreads,
                        twoThreads / oneThread, loadAverage(), summary.describe());
            }
        }
    }

    /** CPU seconds of this JVM and of the child processes it has waited for (Linux). */
    private static double cpuSeconds() throws IOException {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // fields after the ")" closing the command name: state is field 3, cutime 16, cstime 17
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double ticksPerSecond = 100.0;  // USER_HZ on Linux
        return jvm + (Long.parseLong(f[13]) + Long.parseLong(f[14])) / ticksPerSecond;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static TextSpotter open(String engine, Path nodeModules) throws IOException {
        return switch (engine) {
            case "paddle" -> new PaddleOcrSpotter(
                    PaddleOcrConfig.forModelPackage(nodeModules.resolve("@gutenye").resolve("ocr-models")).threads(1).build());
            case "tesseract-psm7" -> new TesseractSpotter(TesseractConfig.DEFAULT.withPageSegMode(7));
            case "tesseract-psm11" -> new TesseractSpotter(TesseractConfig.DEFAULT.withPageSegMode(11));
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (paddle, tesseract-psm7, tesseract-psm11)");
        };
    }

    /** Images per second of wall time with {@code threads} workers sharing the spotter. */
    private static double imagesPerSecond(TextSpotter spotter, TextMatcher matcher, List<Sample> samples, int threads)
            throws IOException {
        List<Sample> work = new ArrayList<>(samples);
        long start = System.nanoTime();
        EmojiTextSpottingCheck.run(spotter, matcher, work, threads);
        return work.size() / ((System.nanoTime() - start) / 1e9);
    }
}
