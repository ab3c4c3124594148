package io.dihit.eval.data;

import io.dihit.core.util.UserError;
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

    /**
     * Refuses data with fewer than 2 classes, on which classification and the probes measure nothing (every
     * image would be "correct"); {@code name} says which data in the message.
     */
    static <T extends LabeledImages> T requireTwoClasses(T data, String name) {
        if (data.classNames().size() < 2) {
            throw new UserError(name + " has " + data.classNames().size() + " class " + data.classNames()
                    + "; classification and the probes need at least 2 classes (one sub-folder per class)");
        }
        return data;
    }
}
