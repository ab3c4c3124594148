package io.dihit.quickstart;

import io.dihit.core.model.ClipConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WiringTest {
    @Test
    void installedArtifactsResolve() {
        assertEquals(32, ClipConfig.named("tiny_fixture").vision().imageSize());
    }
}
