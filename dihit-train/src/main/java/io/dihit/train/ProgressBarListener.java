package io.dihit.train;

import io.dihit.core.util.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;

/** The run's progress bar (redrawn on a terminal, a line per 10 % otherwise), with loss, lr and samples/s. */
final class ProgressBarListener implements TrainingListener {

    private final PrintStream out;
    private ProgressBar bar;
    private long started;
    private long samples;

    public ProgressBarListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onTrainingBegin(TrainingRun run) {
        bar = new ProgressBar(out, "step", run.config().steps()).resumedAt(run.startState().step());
        started = System.nanoTime();
        samples = 0;
    }

    @Override
    public void onStep(TrainingRun run, StepResult step) {
        samples += step.batchSize();
        double elapsed = (System.nanoTime() - started) / 1e9;
        bar.detail(String.format(Locale.ROOT, "loss %.4f lr %.2e %.1f samples/s", step.losses().total(), step.lr(),
                samples / elapsed));
        bar.advanceTo(step.step());
    }

    @Override
    public void onTrainingEnd(TrainingRun run, TrainingState end, RunEnding ending) {
        bar.finish();
    }
}
