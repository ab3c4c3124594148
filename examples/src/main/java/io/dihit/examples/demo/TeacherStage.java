package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.EmojiConcept;
import java.util.List;
import java.util.Locale;

/** Trains the supervised concept teacher (subcategories) on the training styles and freezes it. */
public final class TeacherStage implements DemoStage {

    @Override
    public String name() {
        return "concept teacher";
    }

    @Override
    public String run(DemoContext context) {
        List<String> concepts = context.catalog().subcategories();
        int[] labels = context.catalog().concepts().stream().map(EmojiConcept::subcategory).mapToInt(concepts::indexOf).toArray();
        ConceptClassifierTraining.Config config = context.config().teacher();
        ConceptClassifierTraining.Trained teacher;
        try (ProgressBar bar = context.progress(name(), config.steps())) {
            teacher = ConceptClassifierTraining.train(context.model().vision(), context.pixels(), context.currentFold().trainStyles(),
                    context.currentFold().heldOut(), labels, concepts.size(), config, context.manager(), bar);
        }
        context.teacher(teacher);
        return String.format(Locale.ROOT, "ViT %s image tower -> %d subcategories, %d steps x %d; loss %.2f -> %.2f; "
                        + "held-out %s top-1 %.1f %%", context.config().model(), concepts.size(), config.steps(), config.batchSize(),
                teacher.losses().get(0), teacher.losses().get(teacher.losses().size() - 1),
                context.currentFold().heldOut().vendor(), 100 * teacher.heldOutTop1());
    }
}
