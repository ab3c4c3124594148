package io.dihit.examples.demo;

import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.Manifests;
import io.dihit.core.text.BpeTrainer;
import io.dihit.core.util.ProgressBar;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Trains a byte-level BPE vocabulary of the student's size on the training captions (dihit-core's
 * BpeTrainer); the CLIP vocabulary would waste most of a small text tower on words emoji never use.
 */
public final class TokenizerStage implements DemoStage {

    @Override
    public String name() {
        return "BPE vocabulary";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        Manifests.Loaded train = Manifests.readAll(context.manifests().train());
        Set<String> captions = new LinkedHashSet<>();
        for (ImageTextRecord r : train.records()) {
            captions.add(r.caption());
        }
        int vocab = context.model().text().vocabSize();
        BpeTrainer.Result result;
        try (ProgressBar bar = context.progress(name(), 1)) {
            result = BpeTrainer.train(captions, BpeTrainer.Config.ofVocabSize(vocab));
            bar.step();
        }
        Path merges = context.config().out().resolve("bpe-merges.txt");
        result.save(merges);
        context.tokenizer(result.tokenizer(), merges);
        return String.format(Locale.ROOT, "%d merges from %d distinct captions; vocabulary %d of the model's %d ids%s",
                result.merges().size(), captions.size(), result.vocabSize(), vocab,
                result.reachedRequestedSize() ? "" : " (the captions hold no more pairs to merge)");
    }
}
