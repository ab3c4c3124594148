package io.dihit.core.io;

import io.dihit.core.testing.TinyClipFixture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.fail;

/** Mutated fixture files either load or fail with CheckpointFormatException; no other exception escapes. */
class PickleFuzzTest {
    private static final String JSON_CHARS = "0123456789-[]{},\":";
    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void mutatedSafetensorsHeadersFailOnlyWithFormatErrors() throws Exception {
        byte[] original = java.nio.file.Files.readAllBytes(TinyClipFixture.file("model.safetensors"));
        long headerLength = java.nio.ByteBuffer.wrap(original).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        Random random = new Random(7);
        Path file = dir.resolve("fuzz.safetensors");
        for (int i = 0; i < 300; i++) {
            byte[] mutated = original.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                mutated[random.nextInt((int) headerLength + 8)] = (byte) (random.nextBoolean() ? random.nextInt(256)
                        : JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
            }
            java.nio.file.Files.write(file, mutated);
            try {
                SafeTensors.read(file);
            } catch (CheckpointFormatException expected) {
                // a named format error
            } catch (RuntimeException e) {
                fail("mutation " + i + " escaped as " + e, e);
            }
        }
    }

    @Test
    void mutatedPicklesFailOnlyWithFormatErrors() throws Exception {
        Path path = TinyClipFixture.file("model.pt");
        try (ZipFile zip = new ZipFile(path.toFile())) {
            byte[] original = zip.getInputStream(zip.getEntry("model/data.pkl")).readAllBytes();
            Random random = new Random(20261127);
            for (int i = 0; i < 1000; i++) {
                byte[] mutated = original.clone();
                int edits = 1 + random.nextInt(4);
                for (int k = 0; k < edits; k++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                try {
                    StateDicts.fromCheckpointObject(TorchZipReader.unpickle(zip, "model/", path, mutated), "fuzz");
                } catch (CheckpointFormatException expected) {
                    // the point of the test: a named format error
                } catch (RuntimeException e) {
                    fail("mutation " + i + " escaped as " + e, e);
                }
            }
        }
    }
}
