package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.dihit.examples.data.EmojiStyle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void defaultsAreTheFullPreset() {
        DemoConfig config = DemoCommand.parse(new String[0]);
        assertFalse(config.quick());
        assertEquals("full", config.preset());
        assertEquals(3, config.seeds());
        assertEquals(1, config.folds());
        assertEquals(List.of(1, 2, 4, 8, 16), config.shots());
        assertTrue(config.out().endsWith("runs/demo"));
        assertNull(config.device(), "default device: the first GPU when the engine sees one");
    }

    @Test
    void quickOutSeedsFoldsAndDevice() {
        DemoConfig config = DemoCommand.parse(new String[] {"--quick", "--out", "/tmp/x", "--seeds", "3", "--folds", "2", "--device", "gpu:1"});
        assertTrue(config.quick());
        assertEquals(Path.of("/tmp/x"), config.out());
        assertEquals(3, config.seeds());
        assertEquals(2, config.folds());
        assertEquals(Device.gpu(1), config.engineDevice());
        assertEquals(6, config.replicates().size());
        assertEquals(List.of("twitter/seed1", "twitter/seed2", "twitter/seed3", "google/seed1", "google/seed2", "google/seed3"),
                config.replicates().stream().map(Replicate::label).toList());
        assertEquals(Device.cpu(), DemoCommand.parse(new String[] {"--device", "cpu"}).engineDevice());
    }

    @Test
    void paperPresetHasSixPairedReplicatesOfAtLeastFourEpochs() {
        DemoConfig paper = DemoCommand.parse(new String[] {"--preset", "paper"});
        assertEquals("paper", paper.preset());
        assertTrue(paper.out().endsWith("runs/demo-paper"));
        assertEquals(6, paper.replicates().size());
        assertEquals(List.of(EmojiStyle.TWITTER, EmojiStyle.GOOGLE, EmojiStyle.APPLE),
                paper.styleFolds().stream().map(f -> f.heldOut()).toList());
        // 1,857 concepts x 3 styles x 2 captions = 11,142 clean pairs + 30 % noise = 14,485 -> 4 epochs of 128 = 453 steps
        int rows = 11_142 + 3 * 1_114;
        int steps = paper.stepsFor(rows);
        assertEquals(453, steps);
        assertTrue((double) steps * paper.student().batchSize() / rows >= 4.0);
        assertEquals(30, DemoConfig.quick(Path.of("/tmp")).stepsFor(100_000), "quick: the preset's 30 steps, no epoch minimum");
    }

    @Test
    void configSerialisesWithThePlainOutputPath() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(DemoConfig.quick(Path.of("/tmp/x")));
        assertTrue(json.contains("\"out\":\"/tmp/x\""), json);
        assertTrue(json.contains("\"textSpotting\":false"), json);
        assertTrue(json.contains("\"noise\":{\"textInImage\":0.05,\"uninformative\":0.05,\"mismatched\":0.05}"), json);
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--fast"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--out"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--seeds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--folds", "5"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--preset", "huge"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--quick", "--preset", "paper"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--device", "tpu"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--device", "gpu:-1"}));
    }
}
