package io.dihit.examples.bench;

import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchLoader;
import io.dihit.core.data.BatchSource;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.LoaderConfig;
import io.dihit.core.data.LoaderState;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.image.RgbImage;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Images/s of the training image pipeline (read file, decode PNG, composite alpha, RandomResizedCrop,
 * bicubic resize, normalise, batch) through {@link BatchLoader} with 1 and 2 worker threads, at
 * 224 px and 64 px, plus single-thread decode-only and preprocess-only rates.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests
 * java -cp "examples/target/classes:dihit-core/target/classes:examples/target/lib/*" \
 *     io.dihit.examples.bench.ImagePipelineBench --images 512 --epochs 1 --repeats 3
 * # real emoji instead of generated ones (after scripts/fetch-data.sh):
 * #   ... ImagePipelineBench --images-dir data/npm/node_modules/emoji-datasource-google/img/google/64
 * </pre>
 */
public final class ImagePipelineBench {
    private ImagePipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int images = 512;
        int epochs = 1;
        int repeats = 3;
        Path imagesDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--images-dir" -> imagesDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --images N, --epochs N, --repeats N, --images-dir DIR)");
            }
        }
        List<Path> files;
        Path tmp = null;
        if (imagesDir != null) {
            try (Stream<Path> s = Files.list(imagesDir)) {
                files = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(images).toList();
            }
        } else {
            tmp = Files.createTempDirectory("dihit-bench-");
            files = generate(tmp, images);
        }
        try {
            run(files, epochs, repeats, imagesDir == null ? "generated 64x64 RGBA PNGs" : imagesDir.toString());
        } finally {
            if (tmp != null) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** A timed piece of work returning the number of images it processed. */
    private interface Work {
        long run() throws IOException;
    }

    private static void run(List<Path> files, int epochs, int repeats, String what) throws IOException {
        List<ImageTextRecord> records = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            records.add(new ImageTextRecord("i" + i, files.get(i).toString(), "an emoji number " + i));
        }
        ImageTextDataset dataset = ImageTextDataset.of(records);
        System.out.printf("images: %d (%s), %d epochs per measurement, best of %d after a warm-up run, %d cores%n",
                files.size(), what, epochs, repeats, Runtime.getRuntime().availableProcessors());
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : files) {
            bytes.add(Files.readAllBytes(f));
        }
        List<RgbImage> decoded = new ArrayList<>();
        for (byte[] b : bytes) {
            decoded.add(ImageDecoder.decode(b));
        }
        measure("decode only (PNG -> RGB on white), 1 thread", repeats, () -> {
            for (int e = 0; e < epochs; e++) {
                for (byte[] b : bytes) {
                    ImageDecoder.decode(b);
                }
            }
            return (long) epochs * bytes.size();
        });
        for (int size : new int[] {224, 64}) {
            ImagePreprocessor pre = ImagePreprocessor.training(size);
            Random rng = new Random(1);
            measure("preprocess only (crop+bicubic+normalise) " + size + " px, 1 thread", repeats, () -> {
                for (int e = 0; e < epochs; e++) {
                    for (RgbImage img : decoded) {
                        pre.apply(img, rng);
                    }
                }
                return (long) epochs * decoded.size();
            });
        }
        for (int size : new int[] {224, 64}) {
            for (int threads : new int[] {1, 2}) {
                LoaderConfig cfg = new LoaderConfig(64, threads, 2, 1234, true, true);
                try (BatchLoader loader = new BatchLoader(dataset, cfg, ImagePreprocessor.training(size), c -> new int[] {c.length()})) {
                    measure("BatchLoader read+decode+augment " + size + " px, " + threads + " thread(s)", repeats, () -> {
                        long kept0 = loader.report().keptCount();
                        drain(loader, new LoaderState(0, 0), epochs);
                        return loader.report().keptCount() - kept0;
                    });
                }
            }
        }
    }

    private static void drain(BatchLoader loader, LoaderState from, int endEpoch) {
        try (BatchSource.Batches it = loader.batches(from, endEpoch)) {
            while (it.hasNext()) {
                Batch b = it.next();
                if (b.pixels().length == 0) {
                    throw new IllegalStateException("empty batch");
                }
            }
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * Runs {@code work} once to warm up, then {@code repeats} times; prints the best wall-clock rate
     * (the machine is shared, so the best run is the least disturbed one) and that run's images per
     * CPU-second of the whole process (JIT and GC included).
     */
    private static void measure(String what, int repeats, Work work) throws IOException {
        work.run();
        double best = 0;
        double bestCpu = 0;
        long images = 0;
        for (int r = 0; r < repeats; r++) {
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            images = work.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
            if (images / wall > best) {
                best = images / wall;
                bestCpu = images / cpu;
            }
        }
        System.out.printf("%-60s %8.1f images/s wall, %8.1f images/cpu-s  (%d images per run, load %.1f)%n",
                what, best, bestCpu, images, OS.getSystemLoadAverage());
    }

    /** Emoji-like test images: coloured discs and strokes, anti-aliased, on a transparent background. */
    static List<Path> generate(Path dir, int n) throws IOException {
        Random r = new Random(99);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(4, 4, 56, 56);
            g.setStroke(new BasicStroke(3f));
            for (int k = 0; k < 4; k++) {
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 128 + r.nextInt(128)));
                g.drawLine(r.nextInt(64), r.nextInt(64), r.nextInt(64), r.nextInt(64));
                g.fillOval(8 + r.nextInt(40), 8 + r.nextInt(40), 6 + r.nextInt(10), 6 + r.nextInt(10));
            }
            g.dispose();
            Path p = dir.resolve(String.format("e%05d.png", i));
            ImageIO.write(img, "png", p.toFile());
            out.add(p);
        }
        return out;
    }
}
