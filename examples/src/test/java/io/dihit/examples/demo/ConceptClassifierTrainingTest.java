package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiCatalog;
import io.dihit.examples.data.EmojiConcept;
import io.dihit.examples.data.EmojiManifests;
import io.dihit.examples.data.EmojiStyle;
import io.dihit.examples.data.RequiredData;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short teacher run on the 10 categories must learn something that transfers to the held-out style. */
class ConceptClassifierTrainingTest {

    @Test
    void learnsCategoriesThatTransferToTwitter() {
        DataLayout layout = RequiredData.emoji();
        EmojiCatalog catalog = EmojiCatalog.load(layout);
        List<EmojiConcept> concepts = catalog.concepts();
        List<String> categories = catalog.categories();
        int[] labels = concepts.stream().mapToInt(c -> categories.indexOf(c.category())).toArray();
        ClipConfig model = ClipConfig.named("demo_tiny");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        EmojiPixels pixels = EmojiPixels.load(layout, concepts, model.vision().imageSize(), new ProgressBar(quiet, "px", 4L * concepts.size()));
        int steps = 30;
        try (NDManager manager = NDManager.newBaseManager()) {
            long start = System.nanoTime();
            ConceptClassifierTraining.Trained teacher = ConceptClassifierTraining.train(model.vision(), pixels, EmojiManifests.TRAIN_STYLES, EmojiStyle.TWITTER,
                    labels, categories.size(), new ConceptClassifierTraining.Config(steps, 32, 2e-3, 1), manager, new ProgressBar(quiet, "t", steps));
            System.out.printf("teacher: %d steps in %.1f s, first loss %.3f, last %.3f, twitter top-1 %.3f%n", steps,
                    (System.nanoTime() - start) / 1e9, teacher.losses().get(0), teacher.losses().get(steps - 1), teacher.heldOutTop1());
            double first = teacher.losses().subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
            double last = teacher.losses().subList(steps - 5, steps).stream().mapToDouble(d -> d).average().orElseThrow();
            assertTrue(last < first - 0.2, "loss falls: " + first + " -> " + last);
            assertTrue(teacher.heldOutTop1() > 0.22, "twitter category top-1 " + teacher.heldOutTop1() + " (largest class is 19.5 %)");
        }
    }
}
