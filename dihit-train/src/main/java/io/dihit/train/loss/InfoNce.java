package io.dihit.train.loss;

import ai.djl.ndarray.NDArray;
import io.dihit.core.model.EngineScalars;

/** CLIP's InfoNCE: (CE(s, arange) + CE(s^T, arange)) / 2, via log-softmax so any scale is stable. */
public final class InfoNce implements ContrastiveLoss {

    @Override
    public NDArray compute(NDArray imageFeatures, NDArray textFeatures, NDArray logLogitScale) {
        NDArray s = ContrastiveLoss.scores(imageFeatures, textFeatures, logLogitScale);
        NDArray imageToText = s.logSoftmax(1).diagonal().mean().neg();
        NDArray textToImage = s.logSoftmax(0).diagonal().mean().neg();
        return EngineScalars.mul(imageToText.add(textToImage), 0.5);
    }

    @Override
    public String name() {
        return "info_nce";
    }

    @Override
    public String toString() {
        return "InfoNce";
    }
}
