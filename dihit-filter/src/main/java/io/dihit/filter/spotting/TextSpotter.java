package io.dihit.filter.spotting;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/**
 * Finds text shown in an image (OCR), the "T" of CAT filtering.
 *
 * <p>Thread safety: the filter job shares ONE instance between all its worker threads, so
 * {@link #spot} must be safe to call concurrently. An engine that is not thread-safe must
 * synchronise or keep per-thread state internally. {@link #close} is called once, after all
 * calls to {@code spot} have returned.
 */
public interface TextSpotter extends AutoCloseable {

    /**
     * Returns the text pieces found in the image, in reading order when the engine knows it;
     * an empty list when there is none. Never returns null.
     *
     * @throws IOException when the engine fails on this image (the job counts the row as failed)
     */
    List<SpottedWord> spot(BufferedImage image) throws IOException;

    /** A short name recorded in job outputs, e.g. {@code "paddleocr-ppocrv4"}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases native resources; no checked exception so callers can use try-with-resources simply. */
    @Override
    void close();
}
