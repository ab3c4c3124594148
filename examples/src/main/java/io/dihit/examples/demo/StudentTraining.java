package io.dihit.examples.demo;

import ai.djl.Device;
import io.dihit.core.clip.Clip;
import io.dihit.core.data.BatchSource;
import io.dihit.train.MetricsCurves;
import io.dihit.train.MetricsJsonlListener;
import io.dihit.train.Trainer;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.distill.DistillationConfig;
import io.dihit.train.loss.LossConfig;
import io.dihit.train.optim.OptimizerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One pre-training run of a CLIP student with dihit-train's {@link Trainer} (AdamW, warm-up + cosine,
 * clipping, log-logit-scale clamp, HN-NCE or InfoNCE, optional concept distillation), fed by the demo's
 * in-memory batches. Writes the train module's run folder (config, metrics.jsonl, checkpoints) and
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
        // A quarter of the run warms up: with 2-3 warm-up steps the tiny model collapsed (loss = ln(batch)) at lr 2e-3.
        OptimizerConfig optimizer = OptimizerConfig.builder().lr(lr).minLr(lr / 20)
                .warmupSteps((long) Math.max(1, steps / 4)).weightDecay(0.1).build();
        return TrainConfig.builder().runDir(runDir).seed(seed).steps(steps).batchSize(batchSize)
                .model(ModelConfig.named(model))
                .loss(variant.hardNegatives() ? LossConfig.hnNce() : LossConfig.infoNce())
                .optimizer(optimizer)
                .distillation(variant.distillation()
                        ? new DistillationConfig(softLabels.toString(), 1.0, distillWeight, null) : null)
                .checkpointEvery(steps).keepCheckpoints(1)
                .build();
    }

    /** Trains (or resumes) the run on {@code device} with {@link Trainer} on the demo's batches; the weights land in the run folder. */
    public Run train(TrainConfig config, Variant variant, BatchSource batches, Device device) throws IOException {
        try (Clip ignored = Trainer.builder(config).devices(device).build().fit(batches)) {
            // the run folder holds what the later stages read; the in-memory model is not needed
        }
        Path dir = config.runPath();
        List<double[]> curve = MetricsCurves.read(dir.resolve(MetricsJsonlListener.FILE), List.of("loss")).get("loss");
        return new Run(variant, config.seed(), dir, dir.resolve(Trainer.MODEL_FILE), curve);
    }
}
