package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void defaultsAreTheFullPreset() {
        DemoConfig config = DemoCommand.parse(new String[0]);
        assertFalse(config.quick());
        assertEquals(3, config.seeds());
        assertEquals(List.of(1, 2, 4, 8, 16), config.shots());
        assertTrue(config.out().endsWith("runs/demo"));
    }

    @Test
    void quickOutAndSeeds() {
        DemoConfig config = DemoCommand.parse(new String[] {"--quick", "--out", "/tmp/x", "--seeds", "2"});
        assertTrue(config.quick());
        assertEquals(Path.of("/tmp/x"), config.out());
        assertEquals(2, config.seeds());
    }

    @Test
    void configSerialisesWithThePlainOutputPath() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(DemoConfig.quick(Path.of("/tmp/x")));
        assertTrue(json.contains("\"out\":\"/tmp/x\""), json);
        assertTrue(json.contains("\"textSpotting\":false"), json);
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--fast"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--out"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--seeds", "0"}));
    }
}
