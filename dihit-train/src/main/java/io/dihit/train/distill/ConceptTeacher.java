package io.dihit.train.distill;

import ai.djl.ndarray.NDArray;

/**
 * A frozen image model that maps images to concept logits. Used only by the offline precompute
 * step ({@link SoftLabelPrecompute}); training reads the resulting sidecar file instead.
 */
public interface ConceptTeacher extends AutoCloseable {

    /**
     * @param images (N, 3, H, W) float32, preprocessed as this teacher expects
     * @return (N, C) float32 logits, owned by the manager of {@code images}
     */
    NDArray conceptLogits(NDArray images);

    @Override
    void close();
}
