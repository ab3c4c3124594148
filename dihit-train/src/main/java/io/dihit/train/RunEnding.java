package io.dihit.train;

/** Why a training run ended (without an exception). */
public enum RunEnding {
    /** All configured steps are done. */
    COMPLETED,
    /** A listener called {@link TrainingRun#stopTraining}: training is over early (e.g. early stopping). */
    STOPPED_BY_LISTENER,
    /** The batches ran out before the configured steps and the config says stop_at_end_of_data. */
    END_OF_DATA,
    /**
     * Interrupted to be resumed: a stop was requested from outside (SIGTERM, Ctrl-C) or the caller's
     * stop step (--stop-after) came before the configured steps. A checkpoint marks where to resume.
     */
    PAUSED;

    /** Whether the run is over, so its final model is written (every ending but {@link #PAUSED}). */
    public boolean finished() {
        return this != PAUSED;
    }
}
