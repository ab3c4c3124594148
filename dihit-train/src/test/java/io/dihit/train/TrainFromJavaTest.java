package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dihit.core.clip.Clip;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.io.Provenance;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.loss.LossConfig;
import io.dihit.train.optim.OptimizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Train from Java" snippet of docs/train.md, run as it is written there, on eight tiny images. */
class TrainFromJavaTest {

    @TempDir
    Path dir;

    /** Sees every step and stops training after a fixed number of them (a stand-in for early stopping). */
    static final class StopAfter implements TrainingListener {
        final List<Long> seen = new ArrayList<>();
        private final long last;

        StopAfter(long last) {
            this.last = last;
        }

        @Override
        public void onStep(TrainingRun run, StepResult step) {
            seen.add(step.step());
            if (step.step() == last) {
                run.stopTraining("enough after " + step.step() + " steps");
            }
        }
    }

    @Test
    void trainsFromJavaWithAListenerThatStopsEarlyAndReturnsAUsableClip() throws IOException {
        TinyImageData.write(dir, dir.resolve("images"));
        Path runDir = dir.resolve("run");
        Path manifest = dir.resolve("train.csv");
        Path bpe = dir.resolve("bpe.txt");
        Path modelJson = dir.resolve("model.json");
        StopAfter myListener = new StopAfter(3);

        // --- docs/train.md, "Train from Java" ---
        TrainConfig config = TrainConfig.builder()
                .runDir(runDir)
                .model(ModelConfig.fromFile(modelJson))       // or ModelConfig.named("bench_small")
                .steps(10).batchSize(4).seed(1)
                .loss(LossConfig.hnNce())
                .optimizer(OptimizerConfig.builder().lr(1e-3).warmupSteps(2L).build())
                .stopAtEndOfData(true)                        // 8 samples give 2 batches per epoch
                .progress(false)
                .build();
        Trainer trainer = Trainer.builder(config)
                .tokenizer(ClipTokenizer.fromMerges(bpe))
                .devices(Device.cpu())                        // default: the first GPU, else the CPU
                .listener(myListener)                         // any TrainingListener
                .build();
        float[][] texts;
        try (Clip clip = trainer.fit(ImageTextDataset.fromManifests(List.of(manifest)))) {
            texts = clip.encodeTexts(List.of("a red square", "a blue circle"));
        }
        // --- end of snippet ---

        assertEquals(List.of(1L, 2L), myListener.seen, "one epoch of 8 samples in batches of 4, then the data ends");
        assertEquals(2, texts.length);
        assertEquals(16, texts[0].length);
        double norm = 0;
        for (float v : texts[0]) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-4, "encodeTexts gives unit rows");
        assertTrue(Files.exists(runDir.resolve(Trainer.MODEL_FILE)), "the end of the data finishes the run");
        assertEquals(1L, Provenance.read(runDir.resolve(Trainer.MODEL_FILE)).orElseThrow().seed(),
                "the final model carries the run's provenance");
    }

    @Test
    void aListenerStopsTrainingEarlyAndTheRunStillWritesItsModel() throws IOException {
        TinyImageData.write(dir, dir.resolve("images"));
        Path runDir = dir.resolve("early");
        TrainConfig config = TrainConfig.builder().runDir(runDir).model(ModelConfig.fromFile(dir.resolve("model.json")))
                .steps(20).batchSize(4).seed(2).progress(false)
                .optimizer(OptimizerConfig.builder().lr(1e-3).build())
                .data(new io.dihit.train.config.DataConfig("manifest", null, null, dir.resolve("bpe.txt").toString(), 5, 2, null))
                .build();
        StopAfter stopper = new StopAfter(3);
        float[] fromClip;
        try (Clip clip = Trainer.builder(config).listener(stopper).build()
                .fit(ImageTextDataset.fromManifests(List.of(dir.resolve("train.csv"))))) {
            fromClip = clip.model().namedParameters().get("text_projection").getArray().toFloatArray();
        }
        assertEquals(List.of(1L, 2L, 3L), stopper.seen, "the listener saw every step up to its stop");
        assertEquals(3, Files.readAllLines(runDir.resolve(MetricsJsonlListener.FILE)).size());
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(io.dihit.core.model.ClipConfig.fromJson(dir.resolve("model.json")));
            model.initializeParameters(manager);
            Checkpoints.load(runDir.resolve(Trainer.MODEL_FILE), model, true);
            assertArrayEquals(fromClip, model.namedParameters().get("text_projection").getArray().toFloatArray(), 0f,
                    "model.safetensors holds the returned model's weights");
        }
        assertEquals(3, CheckpointStore.stepOf(new CheckpointStore(runDir, 2).latest().orElseThrow()),
                "a checkpoint at the stop");
    }

    /** docs/train.md shows the code between the snippet markers above, line for line. */
    @Test
    void theDocsShowThisTestsCode() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "train.md"));
        int from = doc.indexOf("```java", doc.indexOf("## Train from Java")) + "```java".length();
        String test = Files.readString(Path.of("src", "test", "java", "io", "dihit", "train", "TrainFromJavaTest.java"));
        int start = test.indexOf('\n', test.indexOf("// --- docs/train.md, \"Train from Java\" ---")) + 1;
        assertEquals(lines(doc.substring(from, doc.indexOf("```", from))),
                lines(test.substring(start, test.indexOf("// --- end of snippet ---", start))));
    }

    private static List<String> lines(String code) {
        return code.strip().lines().map(String::strip).toList();
    }
}
