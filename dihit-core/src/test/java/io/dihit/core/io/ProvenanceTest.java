package io.dihit.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenanceTest {
    @TempDir
    Path dir;

    record Job(String name, int steps) {
    }

    @Test
    void roundTripsThroughSafetensorsMetadataAndJsonDocuments() throws Exception {
        Path data = Files.writeString(dir.resolve("train.csv"), "id,image,caption\n1,a.png,a cat\n");
        Provenance p = Provenance.capture(new Job("run", 3), Provenance.fingerprint(List.of(data)), 7L);
        assertEquals(7L, p.seed());
        assertEquals(3, p.config().get("steps").asInt());
        assertTrue(p.engine().startsWith("PyTorch"), p.engine());
        assertFalse(p.dihitVersion().isBlank());

        Path model = dir.resolve("m.safetensors");
        SafeTensors.write(model, Map.of("w", Tensor.ofFloats(new float[] {1}, 1)), p.toMetadata());
        assertEquals(p, Provenance.read(model).orElseThrow());

        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = json.createObjectNode().put("kept", 1);
        summary.set(Provenance.jsonField(), p.toJsonNode());
        Path file = dir.resolve("summary.json");
        json.writeValue(file.toFile(), summary);
        assertEquals(p, Provenance.read(file).orElseThrow());
        assertTrue(Provenance.read(Files.writeString(dir.resolve("other.json"), "{\"a\":1}")).isEmpty());
    }

    @Test
    void fingerprintChangesWithContentAndName() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "id,image,caption\n1,a.png,a cat\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "id,image,caption\n1,a.png,a cat\n");
        String fa = Provenance.fingerprint(List.of(a));
        assertEquals(16, fa.length());
        assertEquals(fa, Provenance.fingerprint(List.of(a)));
        assertNotEquals(fa, Provenance.fingerprint(List.of(b)));
        Files.writeString(a, "id,image,caption\n1,a.png,a dog\n");
        assertNotEquals(fa, Provenance.fingerprint(List.of(a)));
    }
}
