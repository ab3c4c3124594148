package io.dihit.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.util.UserError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @Test
    void classesAreSortedDirectoriesAndImagesSortedFiles(@TempDir Path root) throws IOException {
        write(root.resolve("red_apple/b.png"), 0xFF0000);
        write(root.resolve("red_apple/a.png"), 0xFF0000);
        write(root.resolve("banana/nested/x.png"), 0xFFFF00);
        Files.writeString(root.resolve("banana/notes.txt"), "not an image");
        LabeledDataset f = ImageFolder.open(root);
        assertEquals(List.of("banana", "red apple"), f.classNames());
        assertEquals(3, f.size());
        assertEquals("banana/nested/x.png", f.id(0));
        assertEquals("red_apple/a.png", f.id(1));
        assertEquals(1, f.label(2));
        assertEquals(0xFFFF00, f.image(0).toBufferedImage().getRGB(0, 0) & 0xFFFFFF);
        String before = f.fingerprint();
        assertEquals(before, ImageFolder.open(root).fingerprint());
        write(root.resolve("banana/y.png"), 0x00FF00);
        assertNotEquals(before, ImageFolder.open(root).fingerprint());
    }

    @Test
    void emptyClassIsAnError(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("empty"));
        UserError empty = assertThrows(UserError.class, () -> ImageFolder.open(root));
        assertTrue(empty.getMessage().contains("holds no images"), empty.getMessage());
        UserError missing = assertThrows(UserError.class, () -> ImageFolder.open(root.resolve("missing")));
        assertTrue(missing.getMessage().endsWith("missing not found"), missing.getMessage());
    }

    private static void write(Path p, int rgb) throws IOException {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }
}
