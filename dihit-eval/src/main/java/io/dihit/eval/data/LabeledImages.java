package io.dihit.eval.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** A classification dataset: images with integer labels into a list of class names. */
public interface LabeledImages {
    int size();

    /** Class names as they should appear in prompts (e.g. "ankle boot"), indexed by label. */
    List<String> classNames();

    int label(int index);

    /** A stable identifier of one sample (file path relative to the dataset root, or "split/index"). */
    String id(int index);

    /** Decodes one image as RGB. */
    BufferedImage image(int index) throws IOException;

    /**
     * A short hash that changes whenever the samples, their order or their labels change; embedding caches are
     * keyed by it.
     */
    String fingerprint();

    default int[] labels() {
        int[] y = new int[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = label(i);
        }
        return y;
    }
}
