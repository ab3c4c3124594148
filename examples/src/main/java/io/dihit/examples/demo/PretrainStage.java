package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.StyleFold;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pre-trains every variant ({@link Variant#ALL}) from scratch for each seed of the selected fold. The
 * seed alone sets initialisation and batch order ({@link Replicate#trainingSeed()}), so the variants of a
 * seed are paired: the ones on the noisy set see the same batches, the CAT-filtered ones the same
 * initialisation. Every run of a fold takes the same number of steps, at least the preset's minimum
 * epochs of the noisy set. A variant whose ingredient is missing (no soft labels, no CAT-filtered
 * manifest) is skipped and named in the summary.
 */
public final class PretrainStage implements DemoStage {

    @Override
    public String name() {
        return "pre-training";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        DemoConfig config = context.config();
        StyleFold fold = context.currentFold();
        List<Variant> variants = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Variant v : Variant.ALL) {
            if (v.distillation() && !context.hasSoftLabels()) {
                skipped.add(v.label() + " (no teacher soft labels)");
            } else if (v.catFiltered() && !context.hasCatKept()) {
                skipped.add(v.label() + " (no CAT-filtered manifest)");
            } else {
                variants.add(v);
            }
        }
        int contextLength = context.model().text().contextLength();
        StudentTraining preset = config.student();
        List<TrainPair> noisy = TrainPairs.read(context.foldData().train(), context.catalog().concepts());
        int steps = config.stepsFor(noisy.size());
        StudentTraining student = new StudentTraining(steps, preset.batchSize(), preset.lr(), preset.distillWeight());
        List<TrainPair> filtered = context.hasCatKept() ? TrainPairs.read(context.catKept(), context.catalog().concepts()) : List.of();
        try (ProgressBar bar = context.progress(name(), (long) variants.size() * config.seeds())) {
            for (int seed = 1; seed <= config.seeds(); seed++) {
                Replicate replicate = new Replicate(fold, seed);
                for (Variant variant : variants) {
                    List<TrainPair> pairs = variant.catFiltered() ? filtered : noisy;
                    EmojiBatches batches = new EmojiBatches(pairs, context.tokenizer(), contextLength, context.foldData().pixels(),
                            student.batchSize(), replicate.trainingSeed());
                    Path dir = config.foldDir(fold).resolve("runs").resolve(variant.key() + "-seed" + seed);
                    var trainConfig = student.trainConfig(config.model(), variant, replicate.trainingSeed(), dir,
                            variant.distillation() ? context.softLabels() : null);
                    context.log().printf(Locale.ROOT, "   %s, %s: %d pairs, %d steps x %d (%.1f epochs)%n", variant.label(),
                            replicate.label(), pairs.size(), steps, student.batchSize(), epochs(steps, student.batchSize(), pairs.size()));
                    context.addRun(student.train(trainConfig, variant, batches.source(), context.device()), replicate);
                    bar.step();
                }
            }
        }
        return String.format(Locale.ROOT, "%d variants x %d seeds of %s, %d steps x %d from scratch on %s (%.1f epochs of %d noisy "
                        + "pairs%s)%s",
                variants.size(), config.seeds(), config.model(), steps, student.batchSize(),
                fold.trainStyles().stream().map(s -> s.vendor()).toList(), epochs(steps, student.batchSize(), noisy.size()), noisy.size(),
                filtered.isEmpty() ? "" : String.format(Locale.ROOT, ", %.1f of %d CAT-kept", epochs(steps, student.batchSize(), filtered.size()),
                        filtered.size()),
                skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped));
    }

    static double epochs(int steps, int batch, int pairs) {
        return (double) steps * batch / pairs;
    }
}
