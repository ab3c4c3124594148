package io.dihit.examples.demo;

import io.dihit.examples.data.NoiseKind;
import io.dihit.examples.data.StyleFold;
import java.nio.file.Path;
import java.util.Map;

/**
 * One fold's pre-training data: the manifest of its three styles' clean pairs plus the injected noise,
 * the side table of kinds (which the CAT filter never sees), and the images (emoji plus the
 * text-in-image pictures) its batches read.
 *
 * @param fold   the leave-one-style-out fold
 * @param train  the noisy training manifest
 * @param kinds  the kind of every row, by id (also written to {@code kindsFile})
 * @param kindsFile the side table, id,kind
 * @param pixels the images of every row
 */
public record FoldData(StyleFold fold, Path train, Map<String, NoiseKind> kinds, Path kindsFile, EmojiPixels pixels) {

    public FoldData {
        kinds = Map.copyOf(kinds);
    }

    public int rows() {
        return kinds.size();
    }

    public long count(NoiseKind kind) {
        return kinds.values().stream().filter(k -> k == kind).count();
    }
}
