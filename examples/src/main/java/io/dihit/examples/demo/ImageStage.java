package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.EmojiStyle;
import java.util.Locale;

/** Decodes and preprocesses every concept in every style once, at the model's image size. */
public final class ImageStage implements DemoStage {

    @Override
    public String name() {
        return "images";
    }

    @Override
    public String run(DemoContext context) {
        int count = context.catalog().size() * EmojiStyle.values().length;
        int size = context.model().vision().imageSize();
        try (ProgressBar bar = context.progress(name(), count)) {
            context.pixels(EmojiPixels.load(context.layout(), context.catalog().concepts(), size, bar));
        }
        return String.format(Locale.ROOT, "%d images decoded and preprocessed at %d px", count, size);
    }
}
