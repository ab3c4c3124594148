package io.dihit.eval.data;

import java.util.List;

/** A classification dataset: images with integer labels into a list of class names. */
public interface LabeledImages extends ImageSet {

    /** Class names as they should appear in prompts (e.g. "ankle boot"), indexed by label. */
    List<String> classNames();

    int label(int index);

    default int[] labels() {
        int[] y = new int[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = label(i);
        }
        return y;
    }
}
