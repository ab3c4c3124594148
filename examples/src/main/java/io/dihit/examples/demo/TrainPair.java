package io.dihit.examples.demo;

import io.dihit.examples.data.EmojiStyle;

/** One pre-training row: its manifest id, the image (style and concept index) and the caption. */
public record TrainPair(String id, EmojiStyle style, int concept, String caption) {

    /**
     * The image's key, {@code <style>/<concept id>}: the id training batches carry, so the teacher's
     * soft labels (a property of the image, not of the caption) are computed once per image.
     */
    public String imageKey() {
        int cut = id.lastIndexOf('/');
        return id.substring(0, cut);
    }
}
