package io.dihit.train;

import io.dihit.core.text.BpeTrainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Eight coloured 20 x 20 PNGs with captions in a CSV manifest, a BPE vocabulary of 530 ids and a model config that fits it. */
final class TinyImageData {

    static final List<String> CAPTIONS = List.of("a red square", "a green square", "a blue square", "a white square",
            "a black square", "a yellow square", "a red circle", "a blue circle");
    private static final int[] COLOURS = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff, 0x000000, 0xffff00, 0xee1111, 0x1111ee};

    private TinyImageData() {}

    /** Writes img0..7.png, train.csv (ids s0..s7; image paths under {@code imageDir}), bpe.txt and model.json into {@code dir}. */
    static void write(Path dir, Path imageDir) throws IOException {
        Files.createDirectories(imageDir);
        StringBuilder manifest = new StringBuilder("id,image,caption\n");
        for (int i = 0; i < CAPTIONS.size(); i++) {
            BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    image.setRGB(x, y, (x + y) % 5 == 0 ? 0x808080 : COLOURS[i]);
                }
            }
            Path png = imageDir.resolve("img" + i + ".png");
            ImageIO.write(image, "png", png.toFile());
            manifest.append("s").append(i).append(',').append(png.toAbsolutePath()).append(',')
                    .append(CAPTIONS.get(i)).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), manifest);
        BpeTrainer.train(CAPTIONS, BpeTrainer.Config.ofVocabSize(530)).save(dir.resolve("bpe.txt"));
        Files.writeString(dir.resolve("model.json"), """
                {"embed_dim": 16,
                 "vision_cfg": {"image_size": 16, "patch_size": 8, "width": 32, "layers": 1, "head_width": 16, "mlp_ratio": 2.0},
                 "text_cfg": {"context_length": 12, "vocab_size": 530, "width": 32, "heads": 2, "layers": 1}}
                """);
    }

    static String json(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "\\\\");
    }
}
