package io.dihit.train.data;

import ai.djl.ndarray.NDArray;

/** Arrays made from Java memory, copied into the engine's own (aligned) allocation. */
final class EngineArrays {

    private EngineArrays() {}

    static NDArray aligned(NDArray fromJavaMemory) {
        NDArray copy = fromJavaMemory.duplicate();
        fromJavaMemory.close();
        return copy;
    }
}
