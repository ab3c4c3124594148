package io.dihit.examples.demo;

import java.util.List;
import java.util.Locale;

/** Runs the demo's stages in order, timing each; a pending stage is recorded and skipped, a failing one stops the run. */
public final class DemoPipeline {

    private final List<DemoStage> stages;

    public DemoPipeline(List<DemoStage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The DiHT demo: data, CAT, teacher, labels, pre-training ablations, evaluation, few-shot. */
    public static DemoPipeline standard() {
        return new DemoPipeline(List.of(
                new ManifestStage(),
                new ImageStage(),
                new TokenizerStage(),
                new CatStage(),
                new TeacherStage(),
                new SoftLabelStage(),
                new PretrainStage(),
                new EvaluationStage(),
                new FewShotStage()));
    }

    public List<DemoStage> stages() {
        return stages;
    }

    public void run(DemoContext context) throws Exception {
        int index = 0;
        for (DemoStage stage : stages) {
            index++;
            context.log().printf(Locale.ROOT, "== stage %d/%d: %s%n", index, stages.size(), stage.name());
            long start = System.nanoTime();
            try {
                String summary = stage.run(context);
                double seconds = (System.nanoTime() - start) / 1e9;
                context.record(new StageRecord(stage.name(), true, seconds, summary));
                context.log().printf(Locale.ROOT, "   %s (%.1f s)%n", summary, seconds);
            } catch (StageNotRunException e) {
                context.record(new StageRecord(stage.name(), false, 0, e.getMessage()));
                context.log().println("   " + e.getMessage());
            }
        }
    }
}
