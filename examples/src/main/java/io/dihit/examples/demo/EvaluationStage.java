package io.dihit.examples.demo;

import ai.djl.Device;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.EmojiManifests;
import java.util.Locale;

/** Zero-shot evaluation of every pre-trained run on the held-out style; fills the ablation table. */
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
        if (context.runs().isEmpty()) {
            throw new StageNotRunException(name() + " not run: no pre-trained model");
        }
        MetricTable table = context.ablation();
        try (ProgressBar bar = context.progress(name(), context.runs().size())) {
            for (StudentTraining.Run run : context.runs()) {
                try (Clip encoder = Clip.load(context.model(), run.weights(),
                        ClipOptions.defaults().withDevice(Device.cpu()).withBatchSize(256).withTokenizer(context.tokenizer()))) {
                    HeldOutEvaluation.Result r = HeldOutEvaluation.run(encoder, encoder::encodeTexts,
                            context.pixels(), EmojiManifests.EVAL_STYLE, context.catalog().concepts(),
                            context.catalog().categories(), context.catalog().subcategories());
                    String row = run.variant().label();
                    table.add(row, R1, r.r1()).add(row, R5, r.r5()).add(row, R10, r.r10())
                            .add(row, CATEGORY, r.categoryTop1()).add(row, SUBCATEGORY, r.subcategoryTop1());
                    context.evaluation(run, r);
                }
                bar.step();
            }
        }
        String best = table.rows().get(table.rows().size() - 1);
        return String.format(Locale.ROOT, "%d models on %d %s images; %s: R@10 %s %%, subcategory top-1 %s %%",
                context.runs().size(), context.catalog().size(), EmojiManifests.EVAL_STYLE.vendor(), best,
                table.stats(best, R10).percent(), table.stats(best, SUBCATEGORY).percent());
    }
}
