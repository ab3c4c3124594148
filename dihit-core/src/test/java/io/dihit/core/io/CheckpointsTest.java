package io.dihit.core.io;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dihit.core.model.Activation;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.testing.TinyClipFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoadIsBitExact() throws Exception {
        ClipConfig config = ClipConfig.named("tiny_fixture");
        ClipModel saved = new ClipModel(config);
        ClipModel loaded = new ClipModel(config);
        try (NDManager m = NDManager.newBaseManager()) {
            saved.initializeParameters(m);
            loaded.initializeParameters(m);
            Path file = dir.resolve("out/model.safetensors");
            Checkpoints.saveSafetensors(saved, file);
            LoadReport report = Checkpoints.load(file, loaded, true);
            assertTrue(report.isExact(), report.summary());
            for (Map.Entry<String, Parameter> e : saved.namedParameters().entrySet()) {
                assertArrayEquals(e.getValue().getArray().toByteArray(),
                        loaded.namedParameters().get(e.getKey()).getArray().toByteArray(), e.getKey());
            }
            assertEquals(config, Checkpoints.readConfig(file).orElseThrow());
            try (var files = Files.list(file.getParent())) {
                assertEquals(List.of(file), files.toList()); // no temporary file left behind
            }
        }
    }

    @Test
    void strictLoadNamesMissingUnexpectedAndMisShapedKeysAndChangesNothing() throws Exception {
        Map<String, Tensor> sd = new LinkedHashMap<>(SafeTensors.read(TinyClipFixture.file("model.safetensors")));
        sd.remove("ln_final.bias");
        sd.put("visual.proj", Tensor.ofFloats(new float[64 * 16], 64, 16));
        sd.put("visual.extra_head.weight", Tensor.ofFloats(new float[2], 2));
        Path file = dir.resolve("bad.safetensors");
        SafeTensors.write(file, sd);

        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager m = NDManager.newBaseManager()) {
            model.initializeParameters(m);
            float[] before = model.logLogitScale().getArray().toFloatArray();
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> Checkpoints.load(file, model, true));
            assertEquals(List.of("ln_final.bias"), e.report().missing());
            assertEquals(List.of("visual.extra_head.weight"), e.report().unexpected());
            assertEquals(List.of("visual.proj: checkpoint [64, 16] vs model (64, 32)"), e.report().mismatched());
            assertTrue(e.getMessage().contains("ln_final.bias") && e.getMessage().contains("visual.proj")
                    && e.getMessage().contains("visual.extra_head.weight"), e.getMessage());
            assertArrayEquals(before, model.logLogitScale().getArray().toFloatArray());

            LoadReport lenient = Checkpoints.load(file, model, false);
            assertFalse(lenient.isExact());
            assertEquals(model.namedParameters().size() - 2, lenient.loaded().size());
            assertArrayEquals(sd.get("logit_scale").toFloats(), model.logLogitScale().getArray().toFloatArray());
        }
    }

    @Test
    void stripsWrapperPrefixesAndIgnoresOpenAiMetadataKeys() throws Exception {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        SafeTensors.read(TinyClipFixture.file("model.safetensors")).forEach((k, v) -> sd.put("module." + k, v));
        sd.put("module.context_length", Tensor.ofLongs(new long[] {16}));
        Path file = dir.resolve("ddp.safetensors");
        SafeTensors.write(file, sd);
        // an OpenAI-style entry: the config must state the activation (these weights are exact GELU)
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture").withActivation(Activation.GELU));
        try (NDManager m = NDManager.newBaseManager()) {
            model.initializeParameters(m);
            LoadReport report = Checkpoints.load(file, model, true);
            assertEquals(List.of("context_length"), report.ignored());
        }
    }

    @Test
    void corruptSafetensorsAreRefusedWithTheCause() throws Exception {
        byte[] whole = Files.readAllBytes(TinyClipFixture.file("model.safetensors"));
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(whole, whole.length - 100));
        var e = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(cut));
        assertTrue(e.getMessage().contains("truncated file"), e.getMessage());
        Path garbage = Files.write(dir.resolve("garbage.bin"), new byte[] {1, 2, 3});
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(garbage));
        assertTrue(e.getMessage().contains("truncated safetensors"), e.getMessage());
        Path notJson = dir.resolve("nojson.safetensors");
        Files.write(notJson, new byte[] {4, 0, 0, 0, 0, 0, 0, 0, '{', 'x', ' ', ' '});
        e = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(notJson));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void loadingIntoAnUninitialisedModelFailsClearly() {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        var e = assertThrows(IllegalStateException.class,
                () -> Checkpoints.load(TinyClipFixture.file("model.safetensors"), model, true));
        assertTrue(e.getMessage().contains("initial"), e.getMessage());
    }
}
