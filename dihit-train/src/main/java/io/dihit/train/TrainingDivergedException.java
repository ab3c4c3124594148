package io.dihit.train;

/** Too many consecutive steps had a non-finite loss or gradient; the run stops instead of looping on garbage. */
public final class TrainingDivergedException extends RuntimeException {

    TrainingDivergedException(int consecutive, long step, String lastLosses) {
        super(consecutive + " consecutive steps had a non-finite loss or gradient norm (at update " + step
                + ", last " + lastLosses + "); training stopped. Lower the learning rate, check the data, "
                + "or resume from an earlier checkpoint.");
    }
}
