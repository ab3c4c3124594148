package io.dihit.filter.spotting;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the wrapped OCR engine once per distinct image. Caption data sets pair one image with several
 * captions (COCO has five, the demo's emoji four), and the filter job scores rows, so without this an
 * image would be OCR'd once per caption.
 *
 * <p>Images are keyed by content (SHA-256 of size and ARGB pixels), so the same picture under two
 * names is also read once. The cache keeps the most recently used {@code capacity} results; rows of
 * one image usually come close together in a manifest. Concurrent calls for the same image wait for
 * one OCR run. Failures are not cached: the next row of that image tries again.
 */
public final class CachingTextSpotter implements TextSpotter {

    private final TextSpotter engine;
    private final int capacity;
    private final Map<String, CompletableFuture<List<SpottedWord>>> results;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param capacity distinct images remembered, >= 1 */
    public CachingTextSpotter(TextSpotter engine, int capacity) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.results = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<List<SpottedWord>>> eldest) {
                return size() > CachingTextSpotter.this.capacity;
            }
        };
    }

    /** The engine wrapped in a cache of {@code capacity} images, or the engine itself when capacity is 0 (or it is null). */
    public static TextSpotter wrap(TextSpotter engine, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
        }
        return engine == null || capacity == 0 ? engine : new CachingTextSpotter(engine, capacity);
    }

    @Override
    public List<SpottedWord> spot(BufferedImage image) throws IOException {
        String key = contentKey(image);
        CompletableFuture<List<SpottedWord>> mine = new CompletableFuture<>();
        CompletableFuture<List<SpottedWord>> existing;
        synchronized (results) {
            existing = results.putIfAbsent(key, mine);
        }
        if (existing != null) {
            hits.incrementAndGet();
            return await(existing);
        }
        misses.incrementAndGet();
        try {
            List<SpottedWord> words = List.copyOf(engine.spot(image));
            mine.complete(words);
            return words;
        } catch (IOException | RuntimeException | Error e) {
            synchronized (results) {
                results.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static List<SpottedWord> await(CompletableFuture<List<SpottedWord>> pending) throws IOException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for OCR of the same image", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    static String contentKey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        int[] row = new int[w];
        ByteBuffer bytes = ByteBuffer.allocate(4 * w);
        sha.update(ByteBuffer.allocate(8).putInt(w).putInt(h).array());
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            bytes.clear();
            bytes.asIntBuffer().put(row);
            sha.update(bytes.array());
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** Calls answered from the cache (including calls that waited for a concurrent run). */
    public long hits() {
        return hits.get();
    }

    /** Calls that ran the engine. */
    public long misses() {
        return misses.get();
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public void close() {
        engine.close();
    }
}
