package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.CaptionBuilder;
import io.dihit.examples.data.EmojiCatalog;
import io.dihit.examples.data.EmojiManifests;
import java.util.Locale;

/** Loads the emoji catalog and writes the train / held-out manifests and the concept table. */
public final class ManifestStage implements DemoStage {

    @Override
    public String name() {
        return "manifests";
    }

    @Override
    public String run(DemoContext context) {
        try (ProgressBar bar = context.progress(name(), 2)) {
            EmojiCatalog catalog = EmojiCatalog.load(context.layout());
            context.catalog(catalog);
            bar.step();
            CaptionBuilder captions = new CaptionBuilder(context.config().captionsPerConcept());
            EmojiManifests.Written written = new EmojiManifests(context.layout(), captions, context.config().dataSeed())
                    .write(context.config().manifestsDir(), catalog.concepts());
            context.manifests(written);
            bar.step();
            return String.format(Locale.ROOT, "%d concepts (%d categories, %d subcategories); %d training pairs in %s; %d held-out %s images",
                    catalog.size(), catalog.categories().size(), catalog.subcategories().size(), written.trainRows(),
                    EmojiManifests.TRAIN_STYLES.stream().map(s -> s.vendor()).toList(), written.evalRows(),
                    EmojiManifests.EVAL_STYLE.vendor());
        }
    }
}
