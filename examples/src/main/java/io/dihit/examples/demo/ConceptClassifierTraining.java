package io.dihit.examples.demo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.dihit.core.model.VisionConfig;
import io.dihit.core.model.VisionTransformer;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.EmojiStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's supervised concept teacher: dihit-core's ViT image tower whose projection outputs one
 * logit per concept (emoji subcategory), trained with softmax cross-entropy on the training styles and
 * then frozen. There is no public image teacher in any registry, so the demo makes its own, as DiHT
 * distils from a classifier trained on labelled images.
 */
public final class ConceptClassifierTraining {

    /**
     * @param steps     optimiser steps
     * @param batchSize images per step, drawn uniformly over training styles and concepts
     * @param lr        AdamW peak learning rate (linear warm-up over the first 10 % of steps, then cosine)
     * @param seed      initialisation and batch order
     */
    public record Config(int steps, int batchSize, double lr, long seed) {
        public Config {
            if (steps < 1 || batchSize < 2 || !(lr > 0)) {
                throw new IllegalArgumentException("teacher needs steps >= 1, batch >= 2, lr > 0: " + steps + ", " + batchSize + ", " + lr);
            }
        }
    }

    /** The trained teacher with its learning curve and held-out accuracy. */
    public record Trained(VisionTransformer block, List<Double> losses, double heldOutTop1) {
    }

    private ConceptClassifierTraining() {
    }

    public static Trained train(VisionConfig vision, EmojiPixels pixels, List<EmojiStyle> trainStyles, EmojiStyle heldOut,
                                int[] labels, int classes, Config config, NDManager manager, ProgressBar bar) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        VisionTransformer block = new VisionTransformer(vision, classes);
        block.initialize(manager, DataType.FLOAT32);
        int warmup = Math.max(1, config.steps() / 10);
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(Tracker.warmUp().optWarmUpSteps(warmup)
                        .setMainTracker(Tracker.cosine().setBaseValue((float) config.lr()).optFinalValue((float) config.lr() / 20)
                                .setMaxUpdates(Math.max(1, config.steps() - warmup)).build())
                        .build())
                .optWeightDecays(0.05f)
                .build();
        ParameterStore store = new ParameterStore(manager, false);
        Random random = new Random(config.seed());
        List<Double> losses = new ArrayList<>();
        int n = labels.length;
        for (int step = 0; step < config.steps(); step++) {
            EmojiStyle style = trainStyles.get(random.nextInt(trainStyles.size()));
            int[] pick = random.ints(config.batchSize(), 0, n).toArray();
            int[] y = new int[pick.length];
            for (int i = 0; i < pick.length; i++) {
                y[i] = labels[pick[i]];
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(pixels.batch(style, pick), new Shape(pick.length, 3, pixels.size(), pixels.size()));
                NDArray oneHot = scope.create(y).oneHot(classes);
                zeroGradients(block);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = block.apply(store, images, true);
                    NDArray loss = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
                    collector.backward(loss);
                    losses.add((double) loss.getFloat());
                }
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray weight = p.getValue().getArray();
                    optimizer.update(p.getValue().getId(), weight, weight.getGradient());
                }
            }
            bar.step();
        }
        block.freezeParameters(true);
        double top1 = accuracy(block, pixels, heldOut, labels, manager);
        return new Trained(block, losses, top1);
    }

    private static void zeroGradients(VisionTransformer block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray weight = p.getValue().getArray();
            if (weight.hasGradient()) {
                NDArray grad = weight.getGradient();
                grad.subi(grad);
            }
        }
    }

    /** Top-1 of the teacher on every concept of one style. */
    static double accuracy(VisionTransformer block, EmojiPixels pixels, EmojiStyle style, int[] labels, NDManager manager) {
        ParameterStore store = new ParameterStore(manager, false);
        int correct = 0;
        int chunk = 256;
        for (int from = 0; from < labels.length; from += chunk) {
            int[] idx = java.util.stream.IntStream.range(from, Math.min(labels.length, from + chunk)).toArray();
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(pixels.batch(style, idx), new Shape(idx.length, 3, pixels.size(), pixels.size()));
                long[] predicted = block.apply(store, images, false).argMax(1).toLongArray();
                for (int i = 0; i < idx.length; i++) {
                    correct += predicted[i] == labels[idx[i]] ? 1 : 0;
                }
            }
        }
        return (double) correct / labels.length;
    }
}
