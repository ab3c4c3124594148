package io.dihit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.data.TarShardWriter;
import io.dihit.eval.data.CaptionedImages;
import io.dihit.eval.data.LabeledDataset;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.probe.FewShotProbe;
import io.dihit.eval.probe.KShotSampler;
import io.dihit.eval.probe.LinearProbe;
import io.dihit.eval.retrieval.RetrievalMetrics;
import io.dihit.eval.zeroshot.PromptTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the "Evaluate from Java" snippet of docs/eval.md (paths under a temporary folder). */
class EvaluationTest {

    /** What the snippet computes, for the assertions. */
    record Outcome(double zeroShotTop1, int zeroShotSamples, int skipped, RetrievalMetrics retrieval, int[] shots,
                   int[] probePredictions, int[] dihtPredictions) {}

    static Outcome snippet(Path dir) throws IOException {
        // --- docs/eval.md "Evaluate from Java" (with Path.of(...) resolved under dir) ---
        try (Evaluation eval = Evaluation.load(dir.resolve("model.safetensors"), dir.resolve("merges.txt"))) {
            LabeledDataset test = LabeledDataset.open(dir.resolve("shapes/test")); // root/<class>/<image>, or a manifest or
                                                                               // tar shards with class names as captions
            Evaluation.ZeroShot zs = eval.zeroShot(test, PromptTemplates.generic());
            System.out.printf("zero-shot top-1 %.3f, %d images skipped%n", zs.metrics().top1(), zs.images().skipped().size());

            CaptionedImages captions = CaptionedImages.open(dir.resolve("val-000.tar")); // or a .csv / .jsonl manifest
            RetrievalMetrics retrieval = eval.retrieval(captions).metrics();           // R@1, 5, 10 both ways
            System.out.println(retrieval.at(5));

            LabeledDataset train = LabeledDataset.open(dir.resolve("shapes/train"));
            ImageFeatures x = eval.embed(train);                                    // embeddings of the readable images
            int classes = train.classNames().size();
            int[] shots = KShotSampler.sample(x.labels(train), classes, 2, 0);      // 2 per class, seed 0
            float[][] xs = Vectors.normalizedRows(Vectors.rows(x.rows(), shots));
            int[] ys = Vectors.pick(x.labels(train), shots);
            LinearProbe.Result plain = LinearProbe.fit(xs, ys, classes, LinearProbe.Config.defaults());
            FewShotProbe.Result diht = FewShotProbe.fit(zs.classifier(), eval.logitMultiplier(), xs, ys,
                    FewShotProbe.Config.defaults());
            float[][] xt = Vectors.normalizedRows(zs.images().rows());         // scores: plain.model().logits(xt),
                                                                       // diht.model().scores(xt)
            // --- end of snippet ---
            return new Outcome(zs.metrics().top1(), zs.metrics().samples(), zs.images().skipped().size(), retrieval, shots,
                    argmax(plain.model().logits(xt)), argmax(diht.model().scores(xt)));
        }
    }

    @Test
    void theDocumentedSnippetRuns(@TempDir Path dir) throws IOException {
        Files.move(TinyModels.demoTinyCheckpoint(dir), dir.resolve("model.safetensors"));
        TinyModels.byteMerges(dir);
        int[] colours = {0xD02020, 0x2040D0};
        String[] names = {"red_square", "blue_square"};
        try (TarShardWriter shard = new TarShardWriter(dir.resolve("val-000.tar"))) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    TinyModels.writeSquare(dir.resolve("shapes/train/" + names[c] + "/" + i + ".png"), colours[c], i);
                    TinyModels.writeSquare(dir.resolve("shapes/test/" + names[c] + "/" + i + ".png"), colours[c], i + 3);
                    shard.add(names[c] + i, "png", TinyModels.square(colours[c], i), "a " + names[c].replace('_', ' '));
                }
            }
        }
        Files.write(dir.resolve("shapes/test/red_square/broken.png"), new byte[] {1, 2, 3});

        Outcome o = snippet(dir);
        assertEquals(6, o.zeroShotSamples());
        assertEquals(1, o.skipped());
        assertTrue(o.zeroShotTop1() >= 0 && o.zeroShotTop1() <= 1);
        assertEquals(6, o.retrieval().images());
        assertEquals(6, o.retrieval().texts());
        assertTrue(o.retrieval().at(5).textToImage() >= o.retrieval().at(1).textToImage());
        assertEquals(4, o.shots().length);
        // train order: blue 0..2 (label 0), red 0..2 (label 1); two of each class, blue first
        for (int i = 0; i < 4; i++) {
            assertEquals(i < 2 ? 0 : 1, o.shots()[i] < 3 ? 0 : 1, "shot " + i);
        }
        assertArrayEquals(o.shots(), KShotSampler.sample(new int[] {0, 0, 0, 1, 1, 1}, 2, 2, 0)); // reproducible
        // the readable test squares, blue (0) then red (1): two shots per class separate the colours
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, o.probePredictions());
        assertEquals(6, o.dihtPredictions().length);
    }

    private static int[] argmax(float[][] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            for (int c = 1; c < scores[i].length; c++) {
                if (scores[i][c] > scores[i][out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }
}
