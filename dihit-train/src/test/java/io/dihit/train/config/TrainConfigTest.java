package io.dihit.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.train.distill.DistillationConfig;
import io.dihit.train.distill.DistillationConfig.MissingLabelPolicy;
import io.dihit.train.loss.LossConfig;
import io.dihit.train.optim.OptimizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    /** The example in TrainConfig's Javadoc. */
    private static final String JAVADOC_EXAMPLE = """
            {"run_dir": "runs/demo", "seed": 0, "steps": 1000, "batch_size": 128,
             "model": {"name": "bench_small"},
             "data": {"type": "manifest", "manifests": ["train.csv"], "bpe": "bpe.txt.gz"},
             "loss": {"type": "hn_nce", "alpha": 1, "beta1": 0.5, "beta2": 0.5},
             "optimizer": {"lr": 5e-4, "warmup_steps": 100, "weight_decay": 0.2, "clip_norm": 1.0},
             "distillation": {"soft_labels": "teacher.soft", "temperature": 1, "weight": 1}}
            """;

    @Test
    void theJavadocAndDocsExamplesParse() throws IOException {
        TrainConfig c = TrainConfig.parse(JAVADOC_EXAMPLE);
        assertEquals(100L, c.checkpointEvery(), "a tenth of the steps");
        assertEquals(100L, c.optimizer().warmupSteps());
        String doc = Files.readString(Path.of("..", "docs", "train.md"));
        int config = doc.indexOf("## Config");
        int start = doc.indexOf('\n', doc.indexOf("```json", config)) + 1;
        TrainConfig fromDocs = TrainConfig.parse(doc.substring(start, doc.indexOf("```", start)));
        assertEquals("runs/bench", fromDocs.runDir());
        assertEquals(0.2, fromDocs.optimizer().weightDecay());
        assertTrue(!fromDocs.stopAtEndOfData());
    }

    @Test
    void absentFieldsTakeTheOneSetOfDefaults() {
        TrainConfig c = TrainConfig.parse("{\"run_dir\": \"r\", \"steps\": 50}");
        assertEquals(TrainConfig.builder().runDir("r").steps(50).build(), c);
        assertEquals(OptimizerConfig.DEFAULT, c.optimizer());
        assertEquals(LossConfig.hnNce(), c.loss());
        assertEquals(128, c.batchSize());
        assertEquals(5, c.checkpointEvery());
        assertEquals(5, c.optimizer().warmupFor(50), "10 % of the steps");
        assertNull(c.distillation());
        OptimizerConfig partial = TrainConfig.parse("{\"run_dir\": \"r\", \"steps\": 5, \"optimizer\": {\"lr\": 0.01}}").optimizer();
        assertEquals(OptimizerConfig.builder().lr(0.01).build(), partial);
        assertEquals(0.2, partial.weightDecay());
        DistillationConfig distill = TrainConfig.parse(
                "{\"run_dir\": \"r\", \"steps\": 5, \"distillation\": {\"soft_labels\": \"t.soft\"}}").distillation();
        assertEquals(DistillationConfig.of("t.soft"), distill);
        assertEquals(1.0, distill.temperature());
        assertEquals(1.0, distill.weight());
        assertEquals(MissingLabelPolicy.FAIL, distill.missingLabels());
        assertEquals(new DistillationConfig("t.soft", 2.0, 0.5, MissingLabelPolicy.SKIP), TrainConfig.parse(
                "{\"run_dir\": \"r\", \"steps\": 5, \"distillation\": {\"soft_labels\": \"t.soft\", "
                        + "\"temperature\": 2, \"weight\": 0.5, \"missing_labels\": \"SKIP\"}}").distillation());
    }

    @Test
    void writtenConfigsReadBackEqual() {
        TrainConfig c = TrainConfig.builder().runDir("runs/x").steps(30).batchSize(16).seed(7)
                .model(ModelConfig.named("tiny_fixture")).loss(LossConfig.infoNce())
                .optimizer(OptimizerConfig.builder().lr(1e-3).warmupSteps(3L).weightDecay(0.1).build())
                .distillation(new DistillationConfig("t.soft", 2.0, 0.5, MissingLabelPolicy.SKIP))
                .stopAtEndOfData(true).plotEvery(10).build();
        assertEquals(c, TrainConfig.parse(c.toJson()));
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void badValuesAndUnknownKeysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.parse("{\"run_dir\": \"r\", \"steps\": 5, \"manifest\": \"train.csv\"}"));
        assertTrue(e.getMessage().contains("manifest"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.parse("{\"run_dir\": \"r\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.parse("{\"run_dir\": \"r\", \"steps\": 5, \"loss\": {\"type\": \"triplet\"}}"));
        assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.parse("{\"run_dir\": \"r\", \"steps\": 5, \"optimizer\": {\"min_lr\": 1}}"));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().steps(5).build());
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.parse("{\"run_dir\": \"r\", \"steps\": 5, \"distillation\": {\"weight\": 1}}"));
        assertTrue(noLabels.getMessage().contains("soft_labels"), noLabels.getMessage());
    }
}
