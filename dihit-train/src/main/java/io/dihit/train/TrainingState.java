package io.dihit.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dihit.core.data.LoaderState;

/**
 * Position of a run, saved in every checkpoint: optimizer updates done (the schedule position),
 * batches consumed (skipped ones included) and the data source's position after them, steps
 * skipped for a non-finite loss, and the run seed (per-step engine seeds derive from seed and step,
 * so no generator state needs saving).
 */
public record TrainingState(
        @JsonProperty("step") long step,
        @JsonProperty("batches_consumed") long batchesConsumed,
        @JsonProperty("data_position") LoaderState dataPosition,
        @JsonProperty("skipped_steps") long skippedSteps,
        @JsonProperty("samples_seen") long samplesSeen,
        @JsonProperty("seed") long seed) {

    public TrainingState {
        if (dataPosition == null) { // a state written before the first batch
            dataPosition = LoaderState.start();
        }
    }

    public static TrainingState start(long seed) {
        return new TrainingState(0, 0, LoaderState.start(), 0, 0, seed);
    }

    TrainingState updated(int batchSize, LoaderState position) {
        return new TrainingState(step + 1, batchesConsumed + 1, position, skippedSteps, samplesSeen + batchSize, seed);
    }

    TrainingState skipped(LoaderState position) {
        return new TrainingState(step, batchesConsumed + 1, position, skippedSteps + 1, samplesSeen, seed);
    }

    /** Engine seed for this step's forward passes (a SplitMix64 mix of run seed and step). */
    int stepSeed() {
        long z = seed * 0x9E3779B97F4A7C15L + step + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 0x3fffffff);
    }
}
