package io.dihit.filter.ocr;

import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Text spotting with the Tesseract command line ({@code tesseract stdin stdout --psm N -l eng tsv}):
 * the image goes in as PNG on standard input, words and confidences come back as TSV. The CLI is
 * used rather than tess4j because tess4j's BufferedImage path fails with Debian's Leptonica 1.82.
 *
 * <p>Each call starts one tesseract process restricted to one thread ({@code OMP_THREAD_LIMIT=1}),
 * so calls are independent and the spotter is thread-safe.
 */
public final class TesseractSpotter implements TextSpotter {
    private final TesseractConfig config;
    /** Drains the processes' output pipes (not the common pool: these tasks block on I/O). */
    private final ExecutorService pipeReaders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tesseract-pipe");
        thread.setDaemon(true);
        return thread;
    });

    public TesseractSpotter(TesseractConfig config) throws IOException {
        this.config = config;
        try {
            checkInstalled();
        } catch (IOException | RuntimeException e) {
            pipeReaders.shutdownNow();
            throw e;
        }
    }

    /** Fails at construction, with the install hint, when the tool or its language data is missing. */
    private void checkInstalled() throws IOException {
        ProcessResult result = run(List.of(config.executable(), "--list-langs"), new byte[0]);
        String langs = result.stdout() + result.stderr();
        if (result.exitCode() != 0 || !langs.lines().anyMatch(l -> l.strip().equals(config.language()))) {
            throw new IOException("tesseract with language '" + config.language() + "' is not available (apt-get install"
                    + " tesseract-ocr tesseract-ocr-" + config.language() + "): " + langs.strip());
        }
    }

    public TesseractConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "tesseract-" + config.language() + "-psm" + config.pageSegMode();
    }

    @Override
    public List<SpottedWord> spot(BufferedImage image) throws IOException {
        ProcessResult result = run(List.of(config.executable(), "stdin", "stdout", "--psm",
                Integer.toString(config.pageSegMode()), "-l", config.language(), "tsv"), png(prepared(image)));
        if (result.exitCode() != 0) {
            throw new IOException("tesseract exited with " + result.exitCode() + ": " + result.stderr().strip());
        }
        return parseTsv(result.stdout());
    }

    /** White padding and upscaling so small pictures have letters tesseract can read. */
    private BufferedImage prepared(BufferedImage image) {
        OcrImage rgb = OcrImage.onWhite(image);
        int pad = (int) Math.round(config.paddingFraction() * Math.min(rgb.width(), rgb.height()));
        OcrImage padded = rgb.paddedWithWhite(pad);
        double scale = Math.max(1.0, (double) config.minSide() / Math.min(padded.width(), padded.height()));
        OcrImage scaled = scale == 1.0 ? padded
                : padded.resized((int) Math.round(padded.width() * scale), (int) Math.round(padded.height() * scale));
        int w = scaled.width(), h = scaled.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = scaled.rgb(x, y);
                int grey = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
                out.getRaster().setSample(x, y, 0, grey);
            }
        }
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }

    /**
     * Words from tesseract's TSV (columns level, page_num, block_num, par_num, line_num, word_num,
     * left, top, width, height, conf, text): rows of level 5 with a non-blank text; conf is 0-100.
     */
    static List<SpottedWord> parseTsv(String tsv) throws IOException {
        List<SpottedWord> words = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            String[] cols = line.replace("\r", "").split("\t", -1);
            if (cols.length < 12 || !cols[0].equals("5")) {
                continue;  // header and block/paragraph/line rows
            }
            String text = cols[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            double conf;
            try {
                conf = Double.parseDouble(cols[10]);
            } catch (NumberFormatException e) {
                throw new IOException("bad tesseract TSV confidence in: " + line, e);
            }
            words.add(new SpottedWord(text, Math.min(1.0, Math.max(0.0, conf / 100.0))));
        }
        return words;
    }

    private record ProcessResult(int exitCode, String stdout, String stderr) {
    }

    private ProcessResult run(List<String> command, byte[] stdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + config.executable() + "' (apt-get install tesseract-ocr): " + e.getMessage(), e);
        }
        // Both pipes are drained concurrently so a chatty process cannot block on a full pipe.
        Future<byte[]> out = pipeReaders.submit(() -> drain(process.getInputStream()));
        Future<byte[]> err = pipeReaders.submit(() -> drain(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the process exited early; its exit code and stderr explain why
        }
        try {
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("tesseract timed out after " + config.timeout());
            }
            return new ProcessResult(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tesseract", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read tesseract output", e.getCause());
        }
    }

    private static byte[] drain(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }

    @Override
    public void close() {
        pipeReaders.shutdown();
    }
}
