package io.dihit.eval.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.data.SkipReason;
import io.dihit.core.data.TarShardWriter;
import io.dihit.core.util.UserError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests, tar shards and image folders all open as one labelled dataset type. */
class LabeledDatasetTest {

    @Test
    void aManifestsCaptionsAreItsClasses(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.png"), png(0xFF0000));
        Files.write(dir.resolve("b.png"), png(0x0000FF));
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "id,image,caption\nr1,a.png,red\nb1,b.png,blue\nr2,a.png,red\nbad,,red\n");
        LabeledDataset d = LabeledDataset.open(csv);
        assertEquals(List.of("blue", "red"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        assertEquals("b1", d.id(1));
        assertEquals(255, d.image(1).rgb()[2] & 0xFF); // blue channel of the blue picture
        assertEquals(1, d.sourceReports().get(0).count(SkipReason.EMPTY_FIELD));
    }

    @Test
    void tarShardsAndFoldersOfShardsOpenAlike(@TempDir Path dir) throws IOException {
        Path shards = Files.createDirectories(dir.resolve("shards"));
        try (TarShardWriter w = new TarShardWriter(shards.resolve("s-000.tar"))) {
            w.add("k0", "png", png(0xFF0000), "red");
            w.add("k1", "png", png(0x00FF00), "green");
        }
        try (TarShardWriter w = new TarShardWriter(shards.resolve("s-001.tar"))) {
            w.add("k2", "png", png(0xFF0000), "red");
        }
        LabeledDataset all = LabeledDataset.open(shards);
        assertEquals(List.of("green", "red"), all.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, all.labels());
        assertEquals(List.of("k0", "k1", "k2"), List.of(all.id(0), all.id(1), all.id(2)));
        assertEquals(255, all.image(1).rgb()[1] & 0xFF);
        LabeledDataset one = LabeledDataset.open(shards.resolve("s-000.tar"));
        assertEquals(2, one.size());
        assertNotEquals(all.fingerprint(), one.fingerprint());
        CaptionedImages captioned = CaptionedImages.open(shards);
        assertEquals(3, captioned.size());
        assertEquals(shards.resolve("s-001.tar").toAbsolutePath().normalize() + "#k2.png", captioned.id(2));
    }

    @Test
    void aFolderWithoutShardsIsAnImageFolderAndDuplicateClassNamesAreRefused(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("red_apple"));
        Files.write(dir.resolve("red_apple/0.png"), png(0xFF0000));
        Files.createDirectories(dir.resolve("pear"));
        Files.write(dir.resolve("pear/0.png"), png(0x00FF00));
        LabeledDataset d = LabeledDataset.open(dir);
        assertEquals(List.of("pear", "red apple"), d.classNames());
        assertEquals("red_apple/0.png", d.id(1));

        Files.createDirectories(dir.resolve("red-apple"));
        Files.write(dir.resolve("red-apple/0.png"), png(0xFF0000));
        UserError twice = assertThrows(UserError.class, () -> LabeledDataset.open(dir));
        assertTrue(twice.getMessage().contains("two classes are named 'red apple'"), twice.getMessage());
        UserError missing = assertThrows(UserError.class, () -> LabeledDataset.open(dir.resolve("nope.csv")));
        assertEquals("dataset " + dir.resolve("nope.csv") + ": not found", missing.getMessage());
    }

    private static byte[] png(int rgb) throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
