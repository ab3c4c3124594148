package io.dihit.eval.data;

import io.dihit.core.image.RgbImage;
import java.io.IOException;

/** An ordered set of images that can be embedded (and cached by fingerprint). */
public interface ImageSet {
    int size();

    /** A stable identifier of one image (file path relative to the dataset root, or "split/index"). */
    String id(int index);

    /** Decodes one image as RGB (alpha composited on white). */
    RgbImage image(int index) throws IOException;

    /**
     * A short hash that changes whenever the images or their order change; embedding caches are keyed by it.
     */
    String fingerprint();
}
