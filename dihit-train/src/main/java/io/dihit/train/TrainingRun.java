package io.dihit.train;

import io.dihit.train.config.TrainConfig;
import java.nio.file.Path;

/** What a {@link TrainingListener} sees of the run it observes, and what it may ask of it. */
public interface TrainingRun {

    TrainConfig config();

    /** The run directory (metrics, checkpoints, the final model). */
    default Path runDir() {
        return config().runPath();
    }

    /** The state this invocation started from: step 0, or the resumed checkpoint's state. */
    TrainingState startState();

    /** The update count at which this invocation pauses (config steps, or fewer with --stop-after). */
    long stopAt();

    /** Whether concept distillation is on (metrics then have distillation columns). */
    boolean distills();

    /**
     * Ends training after the current step as a finished run (e.g. early stopping): a checkpoint and,
     * in {@link Trainer}, the model of what was trained are written. The first reason given is kept.
     */
    void stopTraining(String reason);

    /** Writes a checkpoint of {@code state} (the parameters and optimizer state as they are now). */
    Path saveCheckpoint(TrainingState state);
}
