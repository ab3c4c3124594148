package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.train.distill.BlockTeacher;
import io.dihit.train.distill.SoftLabelPrecompute;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs the frozen teacher once over every pre-training image (keyed style/concept, shared by the
 * image's captions) and writes its top-k soft labels to the train module's sidecar file, so
 * distillation never runs the teacher during training.
 */
public final class SoftLabelStage implements DemoStage {

    static final int TOP_K = 5;

    @Override
    public String name() {
        return "concept labels";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        List<TrainPair> pairs = TrainPairs.read(context.foldData().train(), context.catalog().concepts());
        Path output = context.config().foldDir(context.currentFold()).resolve("teacher-soft-labels.bin");
        SoftLabelPrecompute.Report report;
        int batch = 256;
        try (ProgressBar bar = context.progress(name(), 1)) {
            BlockTeacher teacher = new BlockTeacher(context.teacher().block());
            report = SoftLabelPrecompute.run(teacher, EmojiBatches.imagesOf(pairs, context.foldData().pixels(), batch), context.manager(),
                    new SoftLabelPrecompute.Config(TOP_K, 1.0), output);
            bar.step();
        }
        context.softLabels(output);
        return String.format(Locale.ROOT, "top-%d of %d concepts for %d training images -> %s", TOP_K, report.numConcepts(), report.samples(),
                output.getFileName());
    }
}
