package io.dihit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.eval.data.FashionMnistTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalMainTest {
    private static String run(String... args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, EvalMain.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndBadArguments() throws IOException {
        assertTrue(run("--help").contains("usage: dihit eval <task>"));
        assertThrows(IllegalArgumentException.class, () -> run("nope", "--dataset", "x"));
        assertThrows(IllegalArgumentException.class, () -> run("zeroshot"));
        assertThrows(IllegalArgumentException.class, () -> run("zeroshot", "--dataset", "x", "--bogus", "1"));
        assertThrows(IllegalArgumentException.class, () -> run("zeroshot", "--dataset", "x", "--features", "pixels"));
    }

    @Test
    void pixelLinearProbeOnFashionMnist(@TempDir Path out) throws IOException {
        FashionMnistTestSupport.requireFashionMnist();
        String md = run("linear", "--dataset", "fashion-mnist", "--features", "pixels", "--max-train", "800",
                "--max-test", "400", "--lambdas", "1e-2,1e-1", "--out", out.toString());
        assertTrue(md.contains("## Linear probe"), md);
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("linear", r.at("/run/task").asText());
        assertEquals("pixels", r.at("/run/model/features").asText());
        assertEquals(800, r.at("/linearProbe/trainSize").asInt());
        assertEquals(400, r.at("/linearProbe/testSize").asInt());
        assertEquals(2, r.at("/linearProbe/crossValidation").size());
        // Pixel logistic regression on full Fashion-MNIST reaches about 84%; 800 samples still clear 70%.
        double top1 = r.at("/linearProbe/top1").asDouble();
        assertTrue(top1 > 0.70 && top1 < 0.95, "top-1 " + top1);
        assertTrue(r.at("/linearProbe/top5").asDouble() >= top1);
    }

    @Test
    void modelTasksEndToEndWithASavedCheckpoint(@TempDir Path dir) throws IOException {
        // A random demo_tiny model saved as a dihit checkpoint (its config travels in the metadata).
        Path ckpt = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.named("demo_tiny"));
            model.initializeParameters(m);
            Checkpoints.saveSafetensors(model, ckpt);
        }
        Path merges = dir.resolve("merges.txt");
        Files.writeString(merges, "#version: 0.2\n"); // no merges: byte-level tokens only
        Path data = dir.resolve("colours");
        int[] colours = {0xD02020, 0x2040D0};
        String[] names = {"red_square", "blue_square"};
        StringBuilder manifest = new StringBuilder("id,image,caption\n");
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    Path p = data.resolve(split).resolve(names[c]).resolve(i + ".png");
                    square(p, colours[c], i);
                    if (split.equals("test")) {
                        manifest.append(split).append(c).append(i).append("a,").append(p).append(",a ")
                                .append(names[c].replace('_', ' ')).append('\n');
                        manifest.append(split).append(c).append(i).append("b,").append(p).append(",a photo of a ")
                                .append(names[c].replace('_', ' ')).append('\n');
                    }
                }
            }
        }
        Path csv = dir.resolve("captions.csv");
        Files.writeString(csv, manifest.toString());
        Path cache = dir.resolve("cache");
        String[] model = {"--checkpoint", ckpt.toString(), "--merges", merges.toString(), "--cache", cache.toString(),
            "--batch", "4"};

        Path zsOut = dir.resolve("zs");
        run(concat(new String[] {"zeroshot", "--dataset", data.toString(), "--out", zsOut.toString()}, model));
        JsonNode zs = new ObjectMapper().readTree(zsOut.resolve("report.json").toFile());
        assertEquals("from checkpoint metadata", zs.at("/run/model/config").asText());
        assertEquals(java.util.List.of("blue square", "red square"),
                java.util.List.of(zs.at("/zeroShot/classes/0").asText(), zs.at("/zeroShot/classes/1").asText()));
        assertEquals(6, zs.at("/zeroShot/samples").asInt());
        assertEquals(6, zs.at("/zeroShot/templateCount").asInt());
        assertEquals(1.0, zs.at("/zeroShot/top5").asDouble()); // two classes: always within the top 5
        assertEquals(Math.exp(ClipModel.INITIAL_LOG_LOGIT_SCALE), zs.at("/run/model/logitScale").asDouble(), 1e-3);
        long cached;
        try (var files = Files.list(cache)) {
            cached = files.count();
        }
        assertEquals(1, cached);
        run(concat(new String[] {"zeroshot", "--dataset", data.toString()}, model)); // served from the cache
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count());
        }

        Path rOut = dir.resolve("ret");
        String md = run(concat(new String[] {"retrieval", "--dataset", csv.toString(), "--out", rOut.toString()}, model));
        assertTrue(md.contains("| K | image->text R@K | text->image R@K |"), md);
        JsonNode ret = new ObjectMapper().readTree(rOut.resolve("report.json").toFile());
        assertEquals(6, ret.at("/retrieval/images").asInt());
        assertEquals(12, ret.at("/retrieval/texts").asInt());
        // 6 images: R@10 covers every image for text->image.
        assertEquals(1.0, ret.at("/retrieval/recalls/2/textToImage").asDouble());

        Path fOut = dir.resolve("few");
        run(concat(new String[] {"fewshot", "--dataset", data.toString(), "--shots", "1,2", "--samplings", "2",
            "--out", fOut.toString()}, model));
        JsonNode few = new ObjectMapper().readTree(fOut.resolve("report.json").toFile());
        assertEquals(2, few.at("/fewShot/shots").size());
        assertEquals(2, few.at("/fewShot/shots/1/shots").asInt());
        assertEquals(2, few.at("/fewShot/shots/1/diht/runs").size());
        assertTrue(Files.readString(fOut.resolve("report.md")).contains("| shots / class | DiHT probe | plain probe |"));
    }

    private static void square(Path p, int rgb, int variant) throws IOException {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                boolean inside = x >= 5 + variant && x < 30 + variant && y >= 8 && y < 33;
                img.setRGB(x, y, inside ? rgb : 0xFFFFFF);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
