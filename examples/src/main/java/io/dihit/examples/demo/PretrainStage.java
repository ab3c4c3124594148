package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.EmojiStyle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pre-trains every variant of the ablation ladder from scratch for each seed. A variant whose
 * ingredient is missing (no soft labels, no CAT-filtered manifest) is skipped and named in the summary.
 */
public final class PretrainStage implements DemoStage {

    @Override
    public String name() {
        return "pre-training";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        DemoConfig config = context.config();
        List<Variant> variants = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Variant v : Variant.LADDER) {
            if (v.distillation() && !context.hasSoftLabels()) {
                skipped.add(v.label() + " (no teacher soft labels)");
            } else if (v.catFiltered() && !context.hasCatKept()) {
                skipped.add(v.label() + " (no CAT-filtered manifest)");
            } else {
                variants.add(v);
            }
        }
        int contextLength = context.model().text().contextLength();
        StudentTraining student = config.student();
        try (ProgressBar bar = context.progress(name(), (long) variants.size() * config.seeds())) {
            for (Variant variant : variants) {
                Path manifest = variant.catFiltered() ? context.catKept() : context.manifests().train();
                List<TrainPair> pairs = TrainPairs.read(manifest, context.catalog().concepts());
                for (int seed = 1; seed <= config.seeds(); seed++) {
                    EmojiBatches batches = new EmojiBatches(pairs, context.tokenizer(), contextLength, context.pixels(),
                            student.batchSize(), seed);
                    Path dir = config.out().resolve("runs").resolve(variant.key() + "-seed" + seed);
                    var trainConfig = student.trainConfig(config.model(), variant, seed, dir,
                            variant.distillation() ? context.softLabels() : null);
                    context.log().printf(Locale.ROOT, "   %s, seed %d: %d pairs, %d steps x %d%n", variant.label(), seed, pairs.size(),
                            student.steps(), student.batchSize());
                    context.addRun(student.train(trainConfig, variant, batches.source()));
                    bar.step();
                }
            }
        }
        return String.format(Locale.ROOT, "%d runs (%d variants x %d seeds) of %s, %d steps x %d from scratch on %s%s",
                context.runs().size(), variants.size(), config.seeds(), config.model(), student.steps(), student.batchSize(),
                List.of(EmojiStyle.APPLE.vendor(), EmojiStyle.GOOGLE.vendor(), EmojiStyle.FACEBOOK.vendor()),
                skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped));
    }
}
