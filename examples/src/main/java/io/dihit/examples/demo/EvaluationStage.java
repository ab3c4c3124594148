package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.examples.data.EmojiStyle;
import java.util.List;
import java.util.Locale;

/**
 * Zero-shot evaluation of the selected fold's pre-trained runs on its held-out style; fills the ablation
 * table and the per-replicate values the paired comparisons read.
 */
public final class EvaluationStage implements DemoStage {

    static final String R1 = "R@1";
    static final String R5 = "R@5";
    static final String R10 = "R@10";
    static final String CATEGORY = "category top-1";
    static final String SUBCATEGORY = "subcategory top-1";

    @Override
    public String name() {
        return "zero-shot evaluation";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        EmojiStyle heldOut = context.currentFold().heldOut();
        List<StudentTraining.Run> runs = context.runs().stream()
                .filter(r -> context.replicate(r).fold().equals(context.currentFold())).toList();
        if (runs.isEmpty()) {
            throw new StageNotRunException(name() + " not run: no pre-trained model");
        }
        MetricTable table = context.ablation();
        PairedResults paired = context.paired();
        try (ProgressBar bar = context.progress(name(), runs.size())) {
            for (StudentTraining.Run run : runs) {
                try (Clip encoder = Clip.load(context.model(), run.weights(),
                        ClipOptions.defaults().withDevice(context.device()).withBatchSize(256).withTokenizer(context.tokenizer()))) {
                    HeldOutEvaluation.Result r = HeldOutEvaluation.run(encoder, encoder::encodeTexts,
                            context.pixels(), heldOut, context.catalog().concepts(),
                            context.catalog().categories(), context.catalog().subcategories());
                    String row = run.variant().label();
                    table.add(row, R1, r.r1()).add(row, R5, r.r5()).add(row, R10, r.r10())
                            .add(row, CATEGORY, r.categoryTop1()).add(row, SUBCATEGORY, r.subcategoryTop1());
                    Replicate replicate = context.replicate(run);
                    paired.add(R1, row, replicate, r.r1()).add(R5, row, replicate, r.r5()).add(R10, row, replicate, r.r10())
                            .add(CATEGORY, row, replicate, r.categoryTop1()).add(SUBCATEGORY, row, replicate, r.subcategoryTop1());
                    context.evaluation(run, r);
                }
                bar.step();
            }
        }
        String last = runs.get(runs.size() - 1).variant().label();
        return String.format(Locale.ROOT, "%d models on %d %s images; so far %s: R@10 %s %%, subcategory top-1 %s %%",
                runs.size(), context.catalog().size(), heldOut.vendor(), last,
                table.stats(last, R10).percent(), table.stats(last, SUBCATEGORY).percent());
    }
}
