package io.dihit.eval;

import ai.djl.ndarray.NDManager;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Models and images for end-to-end evaluation tests. */
final class TinyModels {
    private TinyModels() {}

    /** A random demo_tiny model saved as a dihit checkpoint (its config travels in the metadata). */
    static Path demoTinyCheckpoint(Path dir) throws IOException {
        Path ckpt = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.named("demo_tiny"));
            model.initializeParameters(m);
            Checkpoints.saveSafetensors(model, ckpt);
        }
        return ckpt;
    }

    /** A merges file without merges: byte-level tokens only. */
    static Path byteMerges(Path dir) throws IOException {
        Path merges = dir.resolve("merges.txt");
        Files.writeString(merges, "#version: 0.2\n");
        return merges;
    }

    /** A 40 x 40 PNG: a coloured square on white, shifted by {@code variant} pixels. */
    static byte[] square(int rgb, int variant) throws IOException {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                boolean inside = x >= 5 + variant && x < 30 + variant && y >= 8 && y < 33;
                img.setRGB(x, y, inside ? rgb : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static void writeSquare(Path p, int rgb, int variant) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, square(rgb, variant));
    }

    /** A 58-byte PNG whose header claims {@code side} x {@code side} pixels (no pixel data follows). */
    static byte[] pngHeaderOnly(int side) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(side).putInt(side)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        CRC32 end = new CRC32();
        end.update("IEND".getBytes(StandardCharsets.US_ASCII));
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) end.getValue());
        return png.array();
    }
}
