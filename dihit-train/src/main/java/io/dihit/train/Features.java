package io.dihit.train;

import ai.djl.ndarray.NDArray;

/** Embedding helpers shared by the loss paths. */
final class Features {

    private Features() {}

    /** L2 normalisation over the last axis with F.normalize's 1e-12 floor (as ClipModel.normalize). */
    static NDArray normalize(NDArray features) {
        int last = features.getShape().dimension() - 1;
        return features.div(features.norm(new int[] {last}, true).maximum(1e-12f));
    }
}
