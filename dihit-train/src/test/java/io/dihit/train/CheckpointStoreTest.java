package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dihit.core.io.CheckpointLayout;
import io.dihit.core.io.Provenance;
import io.dihit.core.io.SafeTensors;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabel;
import io.dihit.train.distill.SoftLabelFile;
import io.dihit.train.distill.SoftLabelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a training checkpoint, a resume with a concept head, and the refusals. */
class CheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void modelFileHoldsTheModelAndProvenanceAndADistillationRunResumesExactly() throws Exception {
        SyntheticBatches data = new SyntheticBatches(9, LoopFixtures.BATCH, 4, 6, 20, 1_000);
        Path labels = dir.resolve("teacher.soft");
        try (SoftLabelWriter writer = new SoftLabelWriter(labels, 6, 3, 1f)) {
            for (int b = 0; b < 4; b++) {
                for (String id : data.batch(b).ids()) {
                    int c = id.hashCode() & 3;
                    writer.add(id, new SoftLabel(new int[] {c, c + 1, c + 2}, new float[] {0.5f, 0.3f, 0.2f}));
                }
            }
            writer.commit();
        }
        String distill = ", \"distillation\": {\"soft_labels\": \"%s\", \"weight\": 0.5}"
                .formatted(labels.toString().replace("\\", "\\\\"));
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        try (SoftLabelFile file = SoftLabelFile.open(labels)) {
            Map<String, float[]> expected = LoopFixtures.train(LoopFixtures.config(straight, 4, distill), data, 4, 1, file);
            LoopFixtures.train(LoopFixtures.config(resumed, 4, distill), data, 2, 1, file);

            Path checkpoint = CheckpointLayout.stepDirectory(resumed, 2);
            Path model = checkpoint.resolve(CheckpointLayout.MODEL_FILE);
            Set<String> encoderKeys;
            try (NDManager m = NDManager.newBaseManager()) {
                encoderKeys = TinyDualEncoder.create(m, 1, 1.0).namedParameters().keySet();
            }
            assertEquals(encoderKeys, SafeTensors.read(model).keySet(), "the model file holds the encoder only");
            Set<String> rest = SafeTensors.read(checkpoint.resolve(CheckpointLayout.OPTIMIZER_FILE)).keySet();
            assertTrue(rest.containsAll(List.of("param.concept_head.weight", "param.concept_head.bias",
                    "adam_m.concept_head.weight", "adam_v.visual.proj.weight")), rest.toString());
            assertEquals("2", SafeTensors.readMetadata(checkpoint.resolve(CheckpointLayout.OPTIMIZER_FILE))
                    .get(CheckpointStore.OPTIMIZER_STEPS_KEY));
            Provenance provenance = Provenance.read(model).orElseThrow();
            assertEquals(5L, provenance.seed());
            assertEquals(4, provenance.config().get("steps").asInt());
            assertEquals(Provenance.fingerprint(List.of(labels)), provenance.dataFingerprint());
            Path stateFile = checkpoint.resolve(CheckpointLayout.STATE_FILE);
            String state = Files.readString(stateFile);
            assertTrue(state.contains("\"step\":2"), state);
            String typed = "\"data_position\":{\"epoch\":0,\"position\":2}";
            assertTrue(state.contains(typed), state);
            // checkpoints written before the typed loader state held the position as a string: still resumed exactly
            Files.writeString(stateFile, state.replace(typed, "\"data_position\":\"2\""));

            // a different init seed: every value, the concept head's included, must come from the checkpoint
            Map<String, float[]> actual = LoopFixtures.train(LoopFixtures.config(resumed, 4, distill), data, 4, 99, file);
            assertEquals(expected.keySet(), actual.keySet());
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name), actual.get(name), 0f, name);
            }
        }
    }

    @Test
    void aMismatchedModelIsRefusedBeforeAnythingChanges() {
        Path run = dir.resolve("run");
        LoopFixtures.train(LoopFixtures.config(run, 2, ""), LoopFixtures.data(), 2, 1, null);
        Path checkpoint = new CheckpointStore(run, 2).latest().orElseThrow();
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyDualEncoder encoder = TinyDualEncoder.create(manager, 7, 1.0);
            TrainConfig config = LoopFixtures.config(dir.resolve("other"), 2, "");
            try (TrainingLoop loop = new TrainingLoop(config, encoder, manager, List.of(Device.cpu()), null, List.of())) {
                Provenance provenance = loop.checkpoints().provenance().orElseThrow(); // for the run's final model
                assertEquals(config.runDir(), provenance.config().get("run_dir").asText());
                Map<String, Parameter> fewer = new LinkedHashMap<>(loop.parameters());
                fewer.remove("visual.proj.weight");
                Map<String, float[]> before = LoopFixtures.values(loop.parameters());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> CheckpointStore.load(checkpoint, fewer, null, manager));
                assertTrue(e.getMessage().contains("missing [], unexpected [visual.proj.weight]"), e.getMessage());
                Map<String, float[]> after = LoopFixtures.values(loop.parameters());
                before.forEach((name, v) -> assertArrayEquals(v, after.get(name), 0f, name));
            }
        }
    }

    @Test
    void aRunWithCheckpointsOfTheEarlierFormatIsNotSilentlyRestarted() throws Exception {
        Path run = dir.resolve("old");
        Files.createDirectories(CheckpointLayout.checkpointsDirectory(run));
        Files.write(CheckpointLayout.checkpointsDirectory(run).resolve("step-000000004.ckpt"), new byte[] {80, 75, 5, 6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoopFixtures.train(LoopFixtures.config(run, 6, ""), LoopFixtures.data(), 6, 1, null));
        assertTrue(e.getMessage().startsWith(run + " holds training checkpoints in dihit's earlier format"), e.getMessage());
        assertTrue(Files.notExists(run.resolve("metrics.jsonl")), "nothing was trained");
    }
}
