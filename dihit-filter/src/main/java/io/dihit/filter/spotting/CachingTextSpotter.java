package io.dihit.filter.spotting;

import io.dihit.core.util.LruMemo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

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
    private final LruMemo<String, List<SpottedWord>> results;

    /** @param capacity distinct images remembered, >= 1 */
    public CachingTextSpotter(TextSpotter engine, int capacity) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.results = new LruMemo<>(capacity);
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
        return results.get(contentKey(image), () -> List.copyOf(engine.spot(image)));
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
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Calls answered from the cache (including calls that waited for a concurrent run). */
    public long hits() {
        return results.hits();
    }

    /** Calls that ran the engine. */
    public long misses() {
        return results.misses();
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
