package io.dihit.core.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipConfigTest {
    @Test
    void zooParameterCountsMatchDiht() {
        // counted from parameter shapes: nothing is allocated
        assertEquals(151_277_313L, new ClipModel(ClipConfig.named("diht_vitb32_224px")).parameterCount());
        assertEquals(149_620_737L, new ClipModel(ClipConfig.named("diht_vitb16_224px")).parameterCount());
        assertEquals(427_616_513L, new ClipModel(ClipConfig.named("diht_vitl14_224px")).parameterCount());
        assertEquals(427_944_193L, new ClipModel(ClipConfig.named("diht_vitl14_336px")).parameterCount());
    }

    @Test
    void flopsAreCountedLikeThePeerBenchmark() {
        // bench_small by hand: ViT 6 x (2*65*12*256^2 + 4*65^2*256) + patches 2*64*3*8^2*256,
        // text 6 x (2*32*12*256^2 + 4*32^2*256)
        double forward = 6 * (2.0 * 65 * 12 * 65536 + 4.0 * 65 * 65 * 256) + 2.0 * 64 * 3 * 64 * 256
                + 6 * (2.0 * 32 * 12 * 65536 + 4.0 * 32 * 32 * 256);
        assertEquals(953_948_160.0, forward);
        assertEquals(forward, ModelFlops.forwardPerSample(ClipConfig.named("bench_small")));
        assertEquals(3 * forward, ModelFlops.trainingPerSample(ClipConfig.named("bench_small")));
    }

    @Test
    void everyBuiltInConfigParsesAndRoundTrips() {
        List<String> builtIn = new ArrayList<>(ClipConfig.ZOO);
        builtIn.addAll(ClipConfig.SMALL);
        assertEquals(8, builtIn.size());
        for (String name : builtIn) {
            ClipConfig c = ClipConfig.named(name);
            assertEquals(c, ClipConfig.fromJson(c.toJson()), name);
        }
        ClipConfig bench = ClipConfig.named("bench_small");
        assertEquals(new ClipConfig(256, new VisionConfig(64, 8, 256, 6, 64, 4.0), new TextConfig(32, 8192, 256, 4, 6)),
                bench);
        ClipConfig tiny = ClipConfig.named("tiny_fixture");
        assertEquals(2, tiny.vision().heads());
        assertEquals(17, tiny.vision().sequenceLength());
    }

    @Test
    void quickGeluIsOpenClipsFieldAndTheSuffixOfBuiltInNames() {
        ClipConfig unset = ClipConfig.named("diht_vitb32_224px");
        assertFalse(unset.activationChosen());
        assertEquals(Activation.GELU, unset.activation());
        assertFalse(unset.toJson().contains("quick_gelu"), "an unset activation stays unset when written");

        ClipConfig quick = ClipConfig.named("diht_vitb32_224px-quickgelu");
        assertTrue(quick.activationChosen());
        assertEquals(Activation.QUICK_GELU, quick.activation());
        assertEquals(unset.vision(), quick.vision());
        assertTrue(quick.toJson().contains("\"quick_gelu\" : true"), quick.toJson());
        assertEquals(quick, ClipConfig.fromJson(quick.toJson()));

        ClipConfig exact = ClipConfig.fromJson(unset.toJson().replaceFirst("\\{", "{\"quick_gelu\": false,"));
        assertTrue(exact.activationChosen());
        assertEquals(Activation.GELU, exact.activation());
        assertEquals(exact, unset.withActivation(Activation.GELU));
        assertEquals(quick, exact.withActivation(Activation.QUICK_GELU).withEmbedDim(512));
        assertThrows(IllegalArgumentException.class, () -> ClipConfig.named("nothing-quickgelu"));
    }

    @Test
    void withersDeriveValidatedVariants() {
        ClipConfig demo = ClipConfig.named("demo_tiny");
        ClipConfig ownVocab = demo.withText(demo.text().withVocabSize(1000));
        assertEquals(1000, ownVocab.text().vocabSize());
        assertEquals(demo.vision(), ownVocab.vision());
        assertEquals(65, demo.withVision(demo.vision().withImageSize(64)).vision().sequenceLength());
        assertEquals(77, demo.text().withContextLength(77).contextLength());
        assertEquals(64, demo.withEmbedDim(64).embedDim());
        assertThrows(IllegalArgumentException.class, () -> demo.vision().withImageSize(36));
    }

    @Test
    void dihtDefaultsApplyToHeadWidthAndMlpRatio() {
        ClipConfig c = ClipConfig.fromJson("""
                {"embed_dim": 8, "vision_cfg": {"image_size": 32, "patch_size": 16, "width": 128, "layers": 1},
                 "text_cfg": {"context_length": 4, "vocab_size": 10, "width": 8, "heads": 2, "layers": 1}}""");
        assertEquals(64, c.vision().headWidth());
        assertEquals(4.0, c.vision().mlpRatio());
    }

    @Test
    void invalidConfigsAreRejectedWithTheField(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> new VisionConfig(30, 8, 64, 1, 32, 4.0));
        assertTrue(e.getMessage().contains("image_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextConfig(16, 512, 50, 4, 2));
        assertTrue(e.getMessage().contains("text.heads"), e.getMessage());
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, """
                {"embed_dim": 8, "vision_cfg": {"image_size": 32, "patch_size": 16, "width": 128, "layers": 1, "head_widht": 64},
                 "text_cfg": {"context_length": 4, "vocab_size": 10, "width": 8, "heads": 2, "layers": 1}}""");
        e = assertThrows(IllegalArgumentException.class, () -> ClipConfig.fromJson(typo));
        assertTrue(e.getMessage().contains("head_widht"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClipConfig.named("no_such_model"));
        assertTrue(e.getMessage().contains("no_such_model"), e.getMessage());
    }
}
