package io.dihit.train;

import io.dihit.core.model.ClipConfig;
import io.dihit.core.util.UserError;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks a run's inputs and output folder before any model is built; a missing file or a wrong folder is a {@link UserError} saying what to fix. */
final class InputChecks {

    private InputChecks() {}

    /**
     * Checks the files the config names (model config, init_checkpoint, data.bpe, soft labels) and
     * creates run_dir; returns the model's ClipConfig.
     */
    static ClipConfig runInputs(TrainConfig config) {
        ModelConfig model = config.model();
        if (model.config() != null) {
            file("model.config", model.config());
        }
        if (model.initCheckpoint() != null && !Files.exists(Path.of(model.initCheckpoint()))) {
            // a file, a training checkpoint directory or a run directory (Checkpoints.resolveModelFile)
            throw new UserError("model.init_checkpoint: no such file or folder " + model.initCheckpoint());
        }
        if (config.data() != null && config.data().bpe() != null) {
            file("data.bpe", config.data().bpe());
        }
        if (config.distillation() != null) {
            file("distillation.soft_labels", config.distillation().softLabels());
        }
        Path runDir = config.runPath();
        if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
            throw new UserError("run_dir " + runDir + " exists and is not a folder; choose another run_dir");
        }
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run_dir " + runDir + ": " + e.getMessage(), e);
        }
        return model.name() != null ? ClipConfig.named(model.name()) : ClipConfig.fromJson(Path.of(model.config()));
    }

    static void files(String field, List<String> paths) {
        paths.forEach(p -> file(field, p));
    }

    private static void file(String field, String path) {
        if (!Files.isRegularFile(Path.of(path))) {
            throw new UserError(field + ": no such file " + path + " (paths are relative to the "
                    + "working directory " + Path.of("").toAbsolutePath() + ")");
        }
    }
}
