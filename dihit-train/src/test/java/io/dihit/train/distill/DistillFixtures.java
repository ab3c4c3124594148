package io.dihit.train.distill;

import io.dihit.core.data.TarShardWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Inputs with every kind of row: a CSV manifest (good images, a missing file, a corrupt image, an
 * empty caption the reader skips, a duplicate id) and a tar shard (good samples, a caption without
 * image the reader skips). Shared by the local, CLI and Spark tests.
 */
public final class DistillFixtures {

    /** Ids that get labels, in input order. */
    public static final List<String> LABELLED = List.of("m1", "m2", "m3", "s1", "s2", "s3");

    private DistillFixtures() {}

    public static Path teacher() throws URISyntaxException {
        return Path.of(DistillFixtures.class.getResource("/teachers/tiny_teacher.torchscript.pt").toURI());
    }

    public static byte[] png(int seed, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, ((seed * 37 + x * 11) % 256) << 16 | ((seed * 91 + y * 23) % 256) << 8 | (seed * 53 + x * y) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Writes the manifest and the shard into {@code dir}; returns them in input order. */
    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("img"));
        for (int i = 1; i <= 3; i++) {
            Files.write(dir.resolve("img/m" + i + ".png"), png(i, 12 + i, 10));
        }
        Files.writeString(dir.resolve("img/corrupt.png"), "not a png");
        Path manifest = dir.resolve("train.csv");
        Files.writeString(manifest, String.join("\n",
                "id,image,caption",
                "m1,img/m1.png,a red thing",
                "gone,img/absent.png,a missing image",
                "m2,img/m2.png,a green thing",
                "bad,img/corrupt.png,a corrupt image",
                "quiet,img/m1.png,   ",
                "m1,img/m2.png,the same id again",
                "m3,img/m3.png,a blue thing") + "\n", StandardCharsets.UTF_8);
        Path shard = dir.resolve("shard-000.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 1; i <= 3; i++) {
                w.add("s" + i, "png", png(10 + i, 9, 9 + i), "shard sample " + i);
            }
            w.member("orphan.txt", "a caption without an image".getBytes(StandardCharsets.UTF_8));
        }
        return List.of(manifest, shard);
    }
}
