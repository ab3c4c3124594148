package io.dihit.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redraws {@code <run_dir>/loss.png} ({@link LossCurvePlot}) from metrics.jsonl every N updates and
 * when the run ends (if the last step was not just drawn). Runs after {@link MetricsJsonlListener}.
 * A failure to draw is logged and never stops training.
 */
final class LossPlotListener implements TrainingListener {

    public static final String FILE = "loss.png";
    private static final Logger LOG = LoggerFactory.getLogger(LossPlotListener.class);
    private final long every;

    public LossPlotListener(long every) {
        if (every < 1) {
            throw new IllegalArgumentException("plot interval must be >= 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public void onStep(TrainingRun run, StepResult step) {
        if (step.step() % every == 0) {
            draw(run.runDir());
        }
    }

    @Override
    public void onTrainingEnd(TrainingRun run, TrainingState end, RunEnding ending) {
        if (end.step() % every != 0) {
            draw(run.runDir());
        }
    }

    private static void draw(Path runDir) {
        Path metrics = runDir.resolve(MetricsJsonlListener.FILE);
        try {
            if (Files.exists(metrics) && Files.size(metrics) > 0) {
                LossCurvePlot.write(metrics, runDir.resolve(FILE));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not draw {}: {}", FILE, e.toString());
        }
    }
}
