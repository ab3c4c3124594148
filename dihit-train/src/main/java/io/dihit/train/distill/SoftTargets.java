package io.dihit.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** A batch's dense teacher probabilities (N x numConcepts, row-major), row mask and count of rows without a label. */
public record SoftTargets(float[] probabilities, float[] rowMask, int numConcepts, int missing) {

    public NDArray probabilitiesNDArray(NDManager manager) {
        return manager.create(probabilities, new Shape(rowMask.length, numConcepts));
    }

    public NDArray rowMaskNDArray(NDManager manager) {
        return manager.create(rowMask);
    }
}
