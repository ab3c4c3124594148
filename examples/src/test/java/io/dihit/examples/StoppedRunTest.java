package io.dihit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.io.CheckpointLayout;
import io.dihit.core.io.Provenance;
import io.dihit.core.io.SafeTensors;
import io.dihit.core.io.Tensor;
import io.dihit.eval.EvalMain;
import io.dihit.train.TrainMain;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped part-way ({@code --stop-after}) is a usable model: {@code dihit eval --checkpoint <run dir>}
 * evaluates its latest training checkpoint, and a new run with {@code init_checkpoint: <run dir>} starts
 * from exactly those weights.
 */
class StoppedRunTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStoppedRunIsEvaluatedAndContinuedFromItsRunDirectory() throws Exception {
        Path modelConfig = Files.writeString(dir.resolve("model.json"), """
                {"embed_dim": 16,
                 "vision_cfg": {"image_size": 16, "patch_size": 8, "width": 32, "layers": 1, "head_width": 16, "mlp_ratio": 2.0},
                 "text_cfg": {"context_length": 12, "vocab_size": 530, "width": 32, "heads": 2, "layers": 1}}
                """);
        Path first = dir.resolve("first");
        TrainMain.main(new String[] {"--config", trainConfig("first", first, modelConfig, 4, 1e-3, 3, null).toString(),
            "--stop-after", "2"});
        Path checkpoint = CheckpointLayout.stepDirectory(first, 2);
        assertEquals(java.util.List.of(checkpoint), CheckpointLayout.checkpoints(first), "one checkpoint, at the stop");
        for (String file : new String[] {CheckpointLayout.MODEL_FILE, CheckpointLayout.OPTIMIZER_FILE, CheckpointLayout.STATE_FILE}) {
            assertTrue(Files.isRegularFile(checkpoint.resolve(file)), file);
        }
        Path stoppedModel = checkpoint.resolve(CheckpointLayout.MODEL_FILE);
        Provenance provenance = Provenance.read(stoppedModel).orElseThrow();
        assertEquals(3L, provenance.seed());
        assertEquals(4, provenance.config().get("steps").asInt());
        assertNull(provenance.dataFingerprint(), "synthetic data has no input files");
        Map<String, Tensor> stopped = SafeTensors.read(stoppedModel);

        // dihit eval --checkpoint <run dir>: the model config comes from the checkpoint's metadata
        Path data = imageFolder(dir.resolve("colours"));
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n"); // byte-level tokens only
        Path out = dir.resolve("zeroshot");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertEquals(0, EvalMain.run(new String[] {"zeroshot", "--dataset", data.toString(), "--checkpoint", first.toString(),
            "--merges", merges.toString(), "--no-cache", "--batch", "4", "--out", out.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8)));
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("from checkpoint metadata", report.at("/run/model/config").asText());
        assertEquals(stoppedModel.toString(), report.at("/run/model/checkpoint").asText());
        assertEquals(4, report.at("/zeroShot/samples").asInt());
        assertEquals(Math.exp(stopped.get("logit_scale").toFloats()[0]), report.at("/run/model/logit_multiplier").asDouble(), 1e-5);

        // a new run from <run dir> (the schedule refuses lr 0): its one update at lr 1e-30 is below half an ulp of
        // every weight the first run trained, so its final model holds exactly the weights it started from
        Path second = dir.resolve("second");
        TrainMain.main(new String[] {"--config", trainConfig("second", second, modelConfig, 1, 1e-30, 11, first).toString()});
        Map<String, Tensor> continued = SafeTensors.read(second.resolve(CheckpointLayout.MODEL_FILE));
        assertEquals(stopped.keySet(), continued.keySet());
        stopped.forEach((key, value) -> assertEquals(value, continued.get(key), key));
        // the same run without init_checkpoint ends elsewhere: the equality above came from the checkpoint
        Path fresh = dir.resolve("fresh");
        TrainMain.main(new String[] {"--config", trainConfig("fresh", fresh, modelConfig, 1, 1e-30, 11, null).toString()});
        assertFalse(stopped.get("visual.proj").equals(SafeTensors.read(fresh.resolve(CheckpointLayout.MODEL_FILE)).get("visual.proj")));
    }

    private Path trainConfig(String name, Path runDir, Path modelConfig, int steps, double lr, long seed, Path init)
            throws Exception {
        String initEntry = init == null ? "" : ", \"init_checkpoint\": " + JSON.writeValueAsString(init.toString());
        return Files.writeString(dir.resolve(name + ".json"), """
                {"run_dir": %s, "seed": %d, "steps": %d, "batch_size": 4,
                 "model": {"config": %s %s}, "data": {"type": "synthetic", "samples": 64},
                 "optimizer": {"lr": %s, "warmup_steps": 0}, "checkpoint_every": 100, "progress": false}
                """.formatted(JSON.writeValueAsString(runDir.toString()), seed, steps,
                JSON.writeValueAsString(modelConfig.toString()), initEntry, lr));
    }

    /** test/<class>/<image>.png: two colours, two squares each. */
    private static Path imageFolder(Path root) throws Exception {
        int[] colours = {0xD02020, 0x2040D0};
        String[] names = {"red_square", "blue_square"};
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 2; i++) {
                BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 20; y++) {
                    for (int x = 0; x < 20; x++) {
                        img.setRGB(x, y, x >= 3 + i && x < 15 + i && y >= 4 && y < 16 ? colours[c] : 0xFFFFFF);
                    }
                }
                Path p = Files.createDirectories(root.resolve("test").resolve(names[c])).resolve(i + ".png");
                ImageIO.write(img, "png", p.toFile());
            }
        }
        return root;
    }
}
