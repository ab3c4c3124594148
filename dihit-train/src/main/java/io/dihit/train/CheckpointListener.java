package io.dihit.train;

/**
 * Writes a checkpoint every N updates, at the stop step and when the run ends anywhere else (a stop
 * request, early stopping, the end of the data), so running again resumes exactly where it ended.
 */
final class CheckpointListener implements TrainingListener {

    private final long every;
    private TrainingState saved;

    public CheckpointListener(long every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint interval must be >= 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public void onTrainingBegin(TrainingRun run) {
        saved = run.startState();
    }

    @Override
    public void onStep(TrainingRun run, StepResult step) {
        if (step.step() % every == 0 || step.step() == run.stopAt()) {
            run.saveCheckpoint(step.state());
            saved = step.state();
        }
    }

    @Override
    public void onTrainingEnd(TrainingRun run, TrainingState end, RunEnding ending) {
        if (!end.equals(saved)) {
            run.saveCheckpoint(end);
            saved = end;
        }
    }
}
