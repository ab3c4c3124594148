package io.dihit.train;

import io.dihit.train.config.TrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Observes a training run, in the manner of DJL's TrainingListener: the loop calls every listener,
 * in order, at the start, after each applied update and at the end. The run's own outputs
 * (metrics.jsonl, the progress bar, loss.png, checkpoints, native-heap trimming) are listeners too
 * ({@link #defaults}); a user adds their own (a logger, early stopping through
 * {@link TrainingRun#stopTraining}) without touching the loop. Callbacks run on the training thread;
 * an exception thrown by one stops training with that exception.
 */
public interface TrainingListener {

    /** Before the first step (after a resume: with {@link TrainingRun#startState()} the checkpoint's state). */
    default void onTrainingBegin(TrainingRun run) {}

    /** After each applied optimizer update (steps skipped for a non-finite loss are not reported). */
    default void onStep(TrainingRun run, StepResult step) {}

    /** After the last step, when the run ends without an exception; {@code ending} says why it ended. */
    default void onTrainingEnd(TrainingRun run, TrainingState end, RunEnding ending) {}

    /**
     * The listeners that write a run's standard outputs, in this order: metrics.jsonl, loss.png (when
     * plot_every > 0), the progress bar (when progress is on), checkpoints, malloc trimming.
     */
    static List<TrainingListener> defaults(TrainConfig config) {
        List<TrainingListener> out = new ArrayList<>();
        out.add(new MetricsJsonlListener());
        if (config.plotEvery() > 0) {
            out.add(new LossPlotListener(config.plotEvery()));
        }
        if (config.progress()) {
            out.add(new ProgressBarListener(System.err));
        }
        out.add(new CheckpointListener(config.checkpointEvery()));
        out.add(new NativeHeapTrimListener(NativeHeapTrimListener.DEFAULT_EVERY));
        return out;
    }
}
