package io.dihit.eval;

import io.dihit.core.data.Skip;
import io.dihit.eval.data.LabeledImages;
import io.dihit.eval.math.Vectors;
import java.util.List;

/**
 * Embeddings of the readable images of a dataset: {@code rows[i]} belongs to dataset index {@code indices[i]};
 * every other image is in {@code skipped} (position = its dataset index, id, reason, detail).
 */
public record ImageFeatures(float[][] rows, int[] indices, List<Skip> skipped) {
    public ImageFeatures {
        if (rows.length != indices.length) {
            throw new IllegalArgumentException(rows.length + " rows for " + indices.length + " indices");
        }
        skipped = List.copyOf(skipped);
    }

    /** Keeps the rows of {@code all} (one per dataset image) whose positions are not skipped. */
    static ImageFeatures of(float[][] all, List<Skip> skipped) {
        boolean[] drop = new boolean[all.length];
        skipped.forEach(s -> drop[(int) s.where()] = true);
        int[] kept = new int[all.length - skipped.size()];
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (!drop[i]) {
                kept[n++] = i;
            }
        }
        return new ImageFeatures(Vectors.rows(all, kept), kept, skipped);
    }

    /** The labels of the kept images. */
    public int[] labels(LabeledImages data) {
        return Vectors.pick(data.labels(), indices);
    }
}
