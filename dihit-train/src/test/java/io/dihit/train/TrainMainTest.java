package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.BpeTrainer;
import io.dihit.train.config.TrainConfig;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line entry on dihit-core's ClipModel (tiny_fixture config) with synthetic data. */
class TrainMainTest {

    @TempDir
    Path dir;

    @Test
    void trainsAClipModelFromAConfigFileAndResumes() throws Exception {
        Path run = dir.resolve("run");
        Path config = dir.resolve("run.json");
        Files.writeString(config, """
                {"run_dir": "%s", "seed": 3, "steps": 3, "batch_size": 4, "grad_cache_chunk": 2,
                 "model": {"name": "tiny_fixture"}, "data": {"type": "synthetic", "samples": 64},
                 "loss": {"type": "hn_nce"}, "optimizer": {"lr": 1e-3, "warmup_steps": 1},
                 "checkpoint_every": 1, "progress": true}
                """.formatted(run.toString().replace("\\", "\\\\")));
        TrainMain.main(new String[] {"--config", config.toString(), "--stop-after", "2"});
        assertTrue(Files.notExists(run.resolve("model.safetensors")), "no final weights before the last step");
        TrainMain.main(new String[] {"--config", config.toString()});
        assertEquals(3, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
            model.initializeParameters(manager);
            Checkpoints.load(run.resolve("model.safetensors"), model, true); // strict: every key, every shape
            float scale = model.logLogitScale().getArray().getFloat();
            assertTrue(scale >= 0 && scale <= (float) Math.log(100));
        }
    }

    /** Real images and captions through dihit-core's BatchLoader and a trained BPE vocabulary, resumed mid-run. */
    @Test
    void trainsFromAManifestWithTheBatchLoader() throws Exception {
        List<String> captions = List.of("a red square", "a green square", "a blue square", "a white square",
                "a black square", "a yellow square", "a red circle", "a blue circle");
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff, 0x000000, 0xffff00, 0xee1111, 0x1111ee};
        StringBuilder manifest = new StringBuilder("id,image,caption\n");
        for (int i = 0; i < captions.size(); i++) {
            BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    image.setRGB(x, y, (x + y) % 5 == 0 ? 0x808080 : colours[i]);
                }
            }
            Path png = dir.resolve("img" + i + ".png");
            ImageIO.write(image, "png", png.toFile());
            manifest.append("s").append(i).append(',').append(png.toAbsolutePath()).append(',').append(captions.get(i)).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), manifest);
        BpeTrainer.train(captions, BpeTrainer.Config.ofVocabSize(530)).save(dir.resolve("bpe.txt"));
        Files.writeString(dir.resolve("model.json"), """
                {"embed_dim": 16,
                 "vision_cfg": {"image_size": 16, "patch_size": 8, "width": 32, "layers": 1, "head_width": 16, "mlp_ratio": 2.0},
                 "text_cfg": {"context_length": 12, "vocab_size": 530, "width": 32, "heads": 2, "layers": 1}}
                """);
        Path run = dir.resolve("manifest-run");
        Path config = dir.resolve("manifest.json");
        Files.writeString(config, """
                {"run_dir": "%s", "seed": 1, "steps": 4, "batch_size": 4,
                 "model": {"config": "%s"},
                 "data": {"type": "manifest", "manifests": ["%s"], "bpe": "%s", "epochs": 2, "threads": 2},
                 "optimizer": {"lr": 1e-3}, "checkpoint_every": 1, "progress": false}
                """.formatted(json(run), json(dir.resolve("model.json")), json(dir.resolve("train.csv")),
                json(dir.resolve("bpe.txt"))));
        TrainingState half = TrainMain.train(TrainConfig.read(config), 3);
        assertEquals(3, half.step());
        assertEquals("1:4", half.dataPosition(), "epoch 1 after 2 batches of 4, half-way through the second");
        TrainingState end = TrainMain.train(TrainConfig.read(config), 4);
        assertEquals(4, end.step());
        assertEquals(16, end.samplesSeen());
        assertTrue(Files.exists(run.resolve("model.safetensors")));
    }

    private static String json(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "\\\\");
    }

    @Test
    void helpAndBadArguments() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured));
        try {
            TrainMain.main(new String[] {"--help"});
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(original);
        }
        assertTrue(captured.toString().startsWith("usage: dihit train --config run.json"));
        assertThrows(IllegalArgumentException.class, () -> TrainMain.main(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> TrainMain.main(new String[0]));
    }
}
