package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.clip.Clip;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.eval.Evaluation;
import io.dihit.eval.data.LabeledDataset;
import io.dihit.eval.zeroshot.PromptTemplates;
import io.dihit.train.StepResult;
import io.dihit.train.Trainer;
import io.dihit.train.TrainingListener;
import io.dihit.train.TrainingRun;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.loss.LossConfig;
import io.dihit.train.optim.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/library.md, "Train from Java" then "Evaluate from Java": five steps on the emoji training captions with a
 * listener that prints each step's loss, then zero-shot classification of the held-out style with the model the
 * Trainer returned.
 */
class TrainThenEvaluateTest extends SnippetTest {


    @Test
    void trainsAFewStepsWithAListenerThenEvaluatesTheReturnedModel() throws Exception {
        EmojiData data = EmojiData.get();
        Path runDir = dir.resolve("run");
        Path modelJson = data.modelJson;
        Path bpe = data.bpe;
        Path manifest = data.trainManifest;
        Path heldOut = data.heldOut;

        printed = Printed.capture();
        // --- docs/library.md "Train from Java" ---
        TrainingListener printLoss = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepResult step) {
                System.out.printf("step %d loss %.4f%n", step.step(), step.losses().total());
            }
        };
        TrainConfig config = TrainConfig.builder()
                .runDir(runDir)
                .model(ModelConfig.fromFile(modelJson))       // or ModelConfig.named("demo_tiny")
                .steps(5).batchSize(16).seed(0)
                .loss(LossConfig.hnNce())
                .optimizer(OptimizerConfig.builder().lr(1e-3).warmupSteps(1L).build())
                .progress(false)
                .build();
        Clip clip = Trainer.builder(config)
                .tokenizer(ClipTokenizer.fromMerges(bpe))
                .listener(printLoss)
                .build()
                .fit(ImageTextDataset.fromManifests(List.of(manifest)));
        // --- end of snippet ---

        // --- docs/library.md "Evaluate from Java" ---
        try (Evaluation eval = Evaluation.of(clip)) {                 // closes the clip with it
            LabeledDataset test = LabeledDataset.open(heldOut);       // root/<class>/<image>
            Evaluation.ZeroShot zs = eval.zeroShot(test, PromptTemplates.generic());
            System.out.printf("zero-shot top-1 %.3f on %d images%n", zs.metrics().top1(), zs.metrics().samples());
        }
        // --- end of snippet ---
        List<String> lines = printed.stop();

        // the listener saw every step, and printed the losses metrics.jsonl holds
        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(5, metrics.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 5; i++) {
            JsonNode line = json.readTree(metrics.get(i));
            assertEquals(i + 1, line.path("step").asInt());
            assertEquals(String.format(Locale.ROOT, "step %d loss %.4f", i + 1, line.path("loss").asDouble()),
                    lines.get(i));
        }
        assertTrue(Files.isRegularFile(runDir.resolve(Trainer.MODEL_FILE)), "a finished run writes its model");

        // zero-shot over every held-out image, one per class
        String last = lines.get(5);
        assertTrue(last.matches("zero-shot top-1 [01]\\.\\d{3} on " + EmojiData.CONCEPTS + " images"), last);
        double top1 = Double.parseDouble(last.split(" ")[2]);
        long correct = Math.round(top1 * EmojiData.CONCEPTS);
        assertEquals(correct / (double) EmojiData.CONCEPTS, top1, 0.0005, "top-1 is a share of the 60 images: " + top1);
        assertEquals(6, lines.size(), String.valueOf(lines));
    }
}
