package io.dihit.examples.demo;

import io.dihit.examples.data.StyleFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the demo's stages in order, timing each: the shared stages once, the per-fold stages once for
 * each leave-one-style-out fold of the config, then the final stages. A pending stage is recorded and
 * skipped, a failing one stops the run.
 */
public final class DemoPipeline {

    private final List<DemoStage> shared;
    private final List<DemoStage> perFold;
    private final List<DemoStage> last;

    public DemoPipeline(List<DemoStage> shared, List<DemoStage> perFold, List<DemoStage> last) {
        this.shared = List.copyOf(shared);
        this.perFold = List.copyOf(perFold);
        this.last = List.copyOf(last);
    }

    /** The DiHT demo: data, then per fold noise, CAT, teacher, labels, pre-training, evaluation; then few-shot. */
    public static DemoPipeline standard() {
        return new DemoPipeline(
                List.of(new ManifestStage(), new ImageStage(), new TokenizerStage()),
                List.of(new FoldDataStage(), new CatStage(), new TeacherStage(), new SoftLabelStage(), new PretrainStage(),
                        new EvaluationStage()),
                List.of(new FewShotStage()));
    }

    /** How many stage records a run over {@code folds} folds writes. */
    public int stageCount(int folds) {
        return shared.size() + folds * perFold.size() + last.size();
    }

    public void run(DemoContext context) throws Exception {
        List<StyleFold> folds = context.config().styleFolds();
        int total = stageCount(folds.size());
        int[] index = {0};
        for (DemoStage stage : shared) {
            runStage(context, stage, stage.name(), ++index[0], total);
        }
        for (StyleFold fold : folds) {
            context.selectFold(fold);
            for (DemoStage stage : perFold) {
                runStage(context, stage, stage.name() + " [" + fold.heldOut().vendor() + " held out]", ++index[0], total);
            }
        }
        // The report's per-fold figures (CAT examples, teacher curve) show the first fold.
        context.selectFold(folds.get(0));
        for (DemoStage stage : last) {
            runStage(context, stage, stage.name(), ++index[0], total);
        }
    }

    private static void runStage(DemoContext context, DemoStage stage, String name, int index, int total) throws Exception {
        context.log().printf(Locale.ROOT, "== stage %d/%d: %s%n", index, total, name);
        long start = System.nanoTime();
        try {
            String summary = stage.run(context);
            double seconds = (System.nanoTime() - start) / 1e9;
            context.record(new StageRecord(name, true, seconds, summary));
            context.log().printf(Locale.ROOT, "   %s (%.1f s)%n", summary, seconds);
        } catch (StageNotRunException e) {
            context.record(new StageRecord(name, false, 0, e.getMessage()));
            context.log().println("   " + e.getMessage());
        }
    }

    /** Every stage once, in order (shared, per fold, last). */
    public List<DemoStage> stages() {
        List<DemoStage> all = new ArrayList<>(shared);
        all.addAll(perFold);
        all.addAll(last);
        return all;
    }
}
