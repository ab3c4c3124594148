package io.dihit.examples.demo;

import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.CaptionBuilder;
import io.dihit.examples.data.EmojiManifests;
import io.dihit.examples.data.NoiseInjector;
import io.dihit.examples.data.NoiseKind;
import io.dihit.examples.data.StyleFold;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the selected fold's pre-training manifest: the clean captions of its three training styles
 * plus the injected noise ({@link NoiseInjector}, rates from the config), the side table of kinds, and
 * preprocesses the text-in-image pictures for the batches.
 */
public final class FoldDataStage implements DemoStage {

    @Override
    public String name() {
        return "fold data + noise";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        DemoConfig config = context.config();
        StyleFold fold = context.currentFold();
        Path dir = config.foldDir(fold);
        List<ImageTextRecord> clean = new EmojiManifests(context.layout(), new CaptionBuilder(config.captionsPerConcept()), config.dataSeed())
                .trainRows(context.catalog().concepts(), Set.copyOf(fold.trainStyles()));
        NoiseInjector injector = new NoiseInjector(config.noise(), config.dataSeed() + fold.heldOut().ordinal(), dir.resolve("noise-images"));
        NoiseInjector.Injected injected;
        Map<String, float[]> drawn = new LinkedHashMap<>();
        try (ProgressBar bar = context.progress(name(), 2)) {
            injected = injector.inject(clean, context.catalog().concepts());
            bar.step();
            ImagePreprocessor preprocessor = ImagePreprocessor.evaluation(context.model().vision().imageSize());
            for (ImageTextRecord row : injected.rows()) {
                if (injected.kinds().get(row.id()) == NoiseKind.TEXT_IN_IMAGE) {
                    String key = row.id().substring(0, row.id().lastIndexOf('/'));
                    drawn.put(key, preprocessor.apply(ImageDecoder.decode(Path.of(row.image())), new Random(0)));
                }
            }
            bar.step();
        }
        Path train = dir.resolve("train.csv");
        EmojiManifests.writeManifest(train, injected.rows());
        Path kinds = dir.resolve("noise-kinds.csv");
        NoiseInjector.writeKinds(kinds, injected.kinds(), injected.rows());
        context.foldData(new FoldData(fold, train, injected.kinds(), kinds, context.pixels().withImages(drawn)));
        return String.format(Locale.ROOT, "held out %s; training on %s: %d pairs = %s",
                fold.heldOut().vendor(), fold.trainStyles().stream().map(s -> s.vendor()).toList(), injected.rows().size(),
                injected.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(" + ")));
    }
}
