package io.dihit.examples.demo;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.train.ClipEncoder;
import io.dihit.train.MetricsCurves;
import io.dihit.train.TrainingLoop;
import io.dihit.train.config.DistillationConfig;
import io.dihit.train.config.LossConfig;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.OptimizerConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.data.BatchSource;
import io.dihit.train.distill.SoftLabelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One pre-training run of a CLIP student with dihit-train's loop (AdamW, warm-up + cosine, clipping,
 * logit-scale clamp, HN-NCE or InfoNCE, optional concept distillation), fed by the demo's in-memory
 * batches. Writes the train module's run folder (config, metrics.jsonl, checkpoints) and
 * {@code model.safetensors}.
 *
 * @param steps          optimiser steps
 * @param batchSize      contrastive batch
 * @param lr             peak learning rate
 * @param distillWeight  lambda of the concept-distillation term
 */
public record StudentTraining(int steps, int batchSize, double lr, double distillWeight) {

    public StudentTraining {
        if (steps < 1 || batchSize < 2 || !(lr > 0) || !(distillWeight >= 0)) {
            throw new IllegalArgumentException("student needs steps >= 1, batch >= 2, lr > 0, weight >= 0");
        }
    }

    /** A finished run: its folder, weights and learning curve (step, total loss). */
    public record Run(Variant variant, long seed, Path dir, Path weights, List<double[]> curve) {
    }

    public TrainConfig trainConfig(String model, Variant variant, long seed, Path runDir, Path softLabels) {
        LossConfig loss = variant.hardNegatives() ? new LossConfig("hn_nce", null, null, null, null)
                : new LossConfig("info_nce", null, null, null, null);
        // A quarter of the run warms up: with 2-3 warm-up steps the tiny model collapsed (loss = ln(batch)) at lr 2e-3.
        OptimizerConfig optimizer = new OptimizerConfig(lr, lr / 20, (long) Math.max(1, steps / 4), null, null, null, 0.1, 1.0);
        DistillationConfig distillation = variant.distillation()
                ? new DistillationConfig(softLabels.toString(), 1.0, distillWeight, null) : null;
        return new TrainConfig(runDir.toString(), seed, (long) steps, batchSize, 0, 1, new ModelConfig(model, null, null),
                null, loss, optimizer, distillation, (long) steps, 1, 1L, null, true);
    }

    public Run train(TrainConfig config, Variant variant, BatchSource batches) throws IOException {
        Path dir = config.runPath();
        Files.createDirectories(dir);
        config.write(dir.resolve("config.json"));
        Engine.getInstance().setRandomSeed((int) config.seed().longValue());
        Path weights = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SoftLabelFile labels = config.distillation() == null ? null : SoftLabelFile.open(Path.of(config.distillation().softLabels()))) {
            ClipModel model = new ClipModel(ClipConfig.named(config.model().name()));
            model.initializeParameters(manager);
            try (TrainingLoop loop = new TrainingLoop(config, new ClipEncoder(model), manager, List.of(Device.cpu()), labels)) {
                loop.run(batches);
            }
            Checkpoints.saveSafetensors(model, weights);
        }
        List<double[]> curve = MetricsCurves.read(dir.resolve("metrics.jsonl"), List.of("loss")).get("loss");
        return new Run(variant, config.seed(), dir, weights, curve);
    }
}
