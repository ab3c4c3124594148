package io.dihit.train;

import io.dihit.core.clip.Clip;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.core.util.UserError;
import io.dihit.train.config.TrainConfig;
import io.dihit.core.data.BatchSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry of the training module ({@code dihit train --config run.json}), a thin layer over
 * {@link Trainer}: trains the config's model on its data section, resuming from the latest checkpoint
 * in run_dir, and writes {@code <run_dir>/model.safetensors} when the run is finished. {@link #run}
 * never calls System.exit: it returns the exit code, and errors (bad config, missing files, data that
 * runs out before steps) are thrown, the user's mistakes as IllegalArgumentException or UserError.
 * SIGTERM or Ctrl-C stops training after the current step with a checkpoint (exit status 143 / 130).
 */
public final class TrainMain {

    private static final Logger LOG = LoggerFactory.getLogger(TrainMain.class);

    static final String USAGE = """
            usage: dihit train --config run.json [--stop-after N]

            Pre-trains a CLIP model contrastively (InfoNCE or HN-NCE), optionally with concept
            distillation from precomputed teacher soft labels. Resumes from the latest checkpoint in
            the config's run_dir. Writes config.json, versions.json, metrics.jsonl, checkpoints/,
            data_summary.json, skipped.jsonl and, at the end, model.safetensors into run_dir.
            Running out of data before "steps" is an error unless the config sets stop_at_end_of_data.

            options:
              --config FILE     training config (JSON; fields in docs/train.md)
              --stop-after N    stop after N optimizer updates (the schedule still spans "steps";
                                run again to continue from the checkpoint)
            SIGTERM or Ctrl-C stops after the current step with a checkpoint (waiting at most the
            config's stop_timeout_s); running again resumes there.
              --help            this text
            """;

    private TrainMain() {}

    /** Runs {@link #run}; a user error is one line on stderr and exit code 2. */
    public static void main(String[] args) throws Exception {
        CommandLineArgs.main("train", args, TrainMain::run);
    }

    /** Trains (or resumes) as the arguments say; returns the exit code (0: trained, paused or stopped). */
    public static int run(String[] args, PrintStream out) throws IOException {
        Path configFile = null;
        Long stopAfter = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--config" -> configFile = Path.of(CommandLineArgs.value(args, ++i, "--config"));
                case "--stop-after" -> stopAfter = parseCount(CommandLineArgs.value(args, ++i, "--stop-after"));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n\n" + USAGE);
            }
        }
        if (configFile == null) {
            throw new IllegalArgumentException("--config is required\n\n" + USAGE);
        }
        if (!Files.isRegularFile(configFile)) {
            throw new UserError("--config " + configFile + ": not found");
        }
        TrainConfig config = TrainConfig.read(configFile);
        train(config, stopAfter == null ? config.steps() : Math.min(stopAfter, config.steps()));
        return 0;
    }

    private static long parseCount(String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--stop-after needs a whole number >= 1, got " + text);
    }

    /**
     * Runs (or resumes) the configured training until {@code stopAt} updates; returns the final state.
     * A JVM shutdown meanwhile (SIGTERM, Ctrl-C) stops it after the current step with a checkpoint
     * ({@link ShutdownGuard}), so running again resumes there.
     */
    public static TrainingState train(TrainConfig config, long stopAt) throws IOException {
        return train(config, stopAt, UnaryOperator.identity());
    }

    /** As {@link #train(TrainConfig, long)}, with the configured batches passed through {@code dataView} (tests slow them down). */
    static TrainingState train(TrainConfig config, long stopAt, UnaryOperator<BatchSource> dataView) throws IOException {
        // the guard is closed last: only after every native array is freed may the JVM exit
        try (ShutdownGuard guard = new ShutdownGuard(new StopRequest(), Duration.ofSeconds(config.stopTimeoutSeconds()))) {
            EndState end = new EndState();
            Trainer trainer = Trainer.builder(config).stopAfter(stopAt).stopRequest(guard.stopRequest())
                    .dataView(dataView).listener(end).build();
            try (Clip ignored = trainer.fit()) {
                if (guard.stopRequest().isRequested()) {
                    LOG.warn("training stopped at step {} of {} because {}", end.state.step(), config.steps(),
                            guard.stopRequest().reason());
                }
            }
            return end.state;
        }
    }

    /** Remembers where the run ended. */
    private static final class EndState implements TrainingListener {
        private TrainingState state;

        @Override
        public void onTrainingEnd(TrainingRun run, TrainingState end, RunEnding ending) {
            state = end;
        }
    }
}
