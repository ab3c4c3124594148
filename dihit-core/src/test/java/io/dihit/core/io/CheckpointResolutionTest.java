package io.dihit.core.io;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.testing.TinyClipFixture;
import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of path the model readers accept, and the clear refusals. */
class CheckpointResolutionTest {
    @TempDir
    Path dir;

    private static final ClipConfig CONFIG = ClipConfig.named("tiny_fixture");

    /** Loads {@code path} strictly into a fresh model and returns its parameter bytes by name. */
    private static Map<String, byte[]> loadedFrom(Path path) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(CONFIG);
            model.initializeParameters(m);
            LoadReport report = Checkpoints.load(path, model, true);
            assertTrue(report.isExact(), report.summary());
            return bytes(model);
        }
    }

    private static Map<String, byte[]> bytes(ClipModel model) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            out.put(e.getKey(), e.getValue().getArray().toByteArray());
        }
        return out;
    }

    private static void assertSameWeights(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    /** A random tiny model saved as {@code file} with the config and a provenance record; returns its weights. */
    private static Map<String, byte[]> saveRandom(Path file, int seed) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(seed);
            ClipModel model = new ClipModel(CONFIG);
            model.initializeParameters(m);
            Checkpoints.saveSafetensors(model, file, Provenance.capture(Map.of("steps", seed), "abc", (long) seed));
            return bytes(model);
        }
    }

    @Test
    void torchZipAndSafetensorsFilesLoadAsThemselves() throws Exception {
        Path pt = TinyClipFixture.file("model.pt");
        Path st = TinyClipFixture.file("model.safetensors");
        assertEquals(pt, Checkpoints.resolveModelFile(pt));
        assertSameWeights(loadedFrom(st), loadedFrom(pt)); // PyTorch wrote both from one model
        assertTrue(Checkpoints.readConfig(pt).isEmpty(), "a torch.save file carries no dihit config");
    }

    @Test
    void trainingCheckpointAndRunDirectoriesResolveToTheirModelFile() throws Exception {
        Path run = dir.resolve("run");
        Path step2 = CheckpointLayout.stepDirectory(run, 2);
        Path step10 = CheckpointLayout.stepDirectory(run, 10);
        Map<String, byte[]> at2 = saveRandom(step2.resolve(CheckpointLayout.MODEL_FILE), 2);
        Map<String, byte[]> at10 = saveRandom(step10.resolve(CheckpointLayout.MODEL_FILE), 10);
        // an unfinished newer checkpoint is never chosen
        saveRandom(CheckpointLayout.unfinished(CheckpointLayout.stepDirectory(run, 12)).resolve(CheckpointLayout.MODEL_FILE), 12);
        assertEquals("step-000000010", step10.getFileName().toString());
        assertEquals(List.of(step2, step10), CheckpointLayout.checkpoints(run), "ordered by step, .tmp ignored");

        assertEquals(step2.resolve(CheckpointLayout.MODEL_FILE), Checkpoints.resolveModelFile(step2));
        assertSameWeights(at2, loadedFrom(step2));
        assertFalse(Arrays.equals(at2.get("visual.proj"), at10.get("visual.proj")), "the models differ");
        assertEquals(step10.resolve(CheckpointLayout.MODEL_FILE), Checkpoints.resolveModelFile(run));
        assertSameWeights(at10, loadedFrom(run));
        assertEquals(CONFIG, Checkpoints.readConfig(run).orElseThrow());
        Provenance provenance = Provenance.read(Checkpoints.resolveModelFile(run)).orElseThrow();
        assertEquals(10L, provenance.seed());
        assertEquals("abc", provenance.dataFingerprint());
        assertEquals(10, provenance.config().get("steps").asInt());

        // the final model, written after the last checkpoint, wins
        Path finalModel = run.resolve(CheckpointLayout.MODEL_FILE);
        Map<String, byte[]> last = saveRandom(finalModel, 20);
        Files.setLastModifiedTime(finalModel, FileTime.fromMillis(Files.getLastModifiedTime(
                step10.resolve(CheckpointLayout.MODEL_FILE)).toMillis() + 1000));
        assertEquals(finalModel, Checkpoints.resolveModelFile(run));
        assertSameWeights(last, loadedFrom(run));
        assertFalse(Arrays.equals(last.get("visual.proj"), at10.get("visual.proj")), "the models differ");
        // ... unless the run went on: a model file written at a stop, then a newer checkpoint
        Files.setLastModifiedTime(finalModel, FileTime.fromMillis(Files.getLastModifiedTime(
                step10.resolve(CheckpointLayout.MODEL_FILE)).toMillis() - 1000));
        assertEquals(step10.resolve(CheckpointLayout.MODEL_FILE), Checkpoints.resolveModelFile(run));
    }

    /** The snippet of docs/model.md, "What the readers accept". */
    @Test
    void documentedSnippetRebuildsAModelFromARunDirectory() throws Exception {
        Map<String, byte[]> saved = saveRandom(CheckpointLayout.stepDirectory(dir.resolve("runs/my-run"), 200)
                .resolve(CheckpointLayout.MODEL_FILE), 200);
        Path weights = dir.resolve("runs/my-run");
        ClipModel model = new ClipModel(Checkpoints.readConfig(weights).orElseThrow());
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            LoadReport report = Checkpoints.load(weights, model, true);
            Optional<Provenance> from = Provenance.read(Checkpoints.resolveModelFile(weights));
            assertEquals(CheckpointLayout.stepDirectory(weights, 200).resolve(CheckpointLayout.MODEL_FILE).toString(),
                    report.source());
            assertEquals(200L, from.orElseThrow().seed());
            assertSameWeights(saved, bytes(model));
        }
    }

    @Test
    void nothingToLoadNamesWhatWasLookedFor() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        var e = assertThrows(FileNotFoundException.class, () -> Checkpoints.resolveModelFile(empty));
        assertTrue(e.getMessage().contains("without model.safetensors or checkpoints/step-<N>/model.safetensors"),
                e.getMessage());
        var missing = assertThrows(FileNotFoundException.class, () -> Checkpoints.readConfig(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("checkpoint not found"), missing.getMessage());
        Path stepWithoutModel = Files.createDirectories(CheckpointLayout.stepDirectory(dir.resolve("odd"), 3));
        e = assertThrows(FileNotFoundException.class, () -> Checkpoints.resolveModelFile(dir.resolve("odd")));
        assertTrue(e.getMessage().contains(stepWithoutModel + " has no model.safetensors"), e.getMessage());
    }

    @Test
    void checkpointsOfTheEarlierFormatAreRefusedWithHowToContinue() throws Exception {
        Path run = dir.resolve("old-run");
        Path ckpt = Files.createDirectories(CheckpointLayout.checkpointsDirectory(run)).resolve("step-000000004.ckpt");
        try (OutputStream file = Files.newOutputStream(ckpt); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String entry : List.of("state.json", "optimizer_steps", "param/logit_scale")) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(new byte[] {'0'});
                zip.closeEntry();
            }
        }
        assertEquals(List.of(ckpt), CheckpointLayout.legacyCheckpoints(run));
        for (Path path : List.of(ckpt, run)) {
            var e = assertThrows(CheckpointFormatException.class, () -> loadedFrom(path));
            assertTrue(e.getMessage().startsWith(path + " holds training checkpoints in dihit's earlier format"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("finish that run with the dihit version that started it"), e.getMessage());
        }
    }
}
