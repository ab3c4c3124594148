package io.dihit.eval;

import io.dihit.core.data.Skip;
import io.dihit.core.data.SkipReason;
import io.dihit.core.image.ImageDecodeException;
import io.dihit.core.image.RgbImage;
import io.dihit.eval.data.ImageSet;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * A view of an image set in which an image that cannot be read (missing, empty, not an image, too large,
 * corrupt) is a counted skip instead of an error: {@link #image} reports it once to the listener as a
 * {@link Skip} (position = index in the set, id, reason, detail) and returns a one-pixel white stand-in,
 * whose embedding the caller drops. Thread-safe.
 */
final class SkippingImages implements ImageSet {
    private static final RgbImage STAND_IN = new RgbImage(1, 1, new byte[] {-1, -1, -1});

    private final ImageSet base;
    private final Consumer<Skip> listener;
    private final Map<Integer, Skip> skips = new ConcurrentSkipListMap<>();
    private volatile boolean read;

    public SkippingImages(ImageSet base, Consumer<Skip> listener) {
        this.base = base;
        this.listener = listener;
    }

    /** The skip an unreadable image becomes; a missing file or shard member says "not found". */
    public static Skip skipOf(int index, String id, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            String file = e instanceof NoSuchFileException n ? n.getFile() : e.getMessage();
            return new Skip(index, id, SkipReason.MISSING_FILE, "not found: " + file);
        }
        SkipReason reason = e instanceof ImageDecodeException ? SkipReason.UNREADABLE_IMAGE : SkipReason.IO_ERROR;
        return new Skip(index, id, reason, String.valueOf(e.getMessage()));
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public String id(int index) {
        return base.id(index);
    }

    @Override
    public RgbImage image(int index) {
        read = true;
        try {
            return base.image(index);
        } catch (IOException e) {
            Skip s = skipOf(index, base.id(index), e);
            if (skips.putIfAbsent(index, s) == null) {
                listener.accept(s);
            }
            return STAND_IN;
        }
    }

    /** The same images: a cache of this view's embeddings holds stand-in rows, and its skips are kept beside it. */
    @Override
    public String fingerprint() {
        return base.fingerprint();
    }

    /** Whether any image was read (false when the embeddings came from a cache). */
    public boolean anyRead() {
        return read;
    }

    /** The skips so far, by position. */
    public List<Skip> skips() {
        return new ArrayList<>(skips.values());
    }
}
