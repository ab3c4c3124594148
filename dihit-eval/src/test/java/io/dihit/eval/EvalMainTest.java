package io.dihit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.model.ClipModel;
import io.dihit.eval.data.FashionMnistTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalMainTest {
    static String run(String... args) throws IOException {
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
        Path ckpt = TinyModels.demoTinyCheckpoint(dir);
        Path merges = TinyModels.byteMerges(dir);
        Path data = dir.resolve("colours");
        int[] colours = {0xD02020, 0x2040D0};
        String[] names = {"red_square", "blue_square"};
        StringBuilder manifest = new StringBuilder("id,image,caption\n");
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    Path p = data.resolve(split).resolve(names[c]).resolve(i + ".png");
                    TinyModels.writeSquare(p, colours[c], i);
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
        assertEquals(Math.exp(ClipModel.INITIAL_LOG_LOGIT_SCALE), zs.at("/run/model/logit_multiplier").asDouble(), 1e-3);
        assertEquals(List.of(".emb", ".skipped.jsonl"), cacheFiles(cache)); // the embeddings and their (empty) skip list
        run(concat(new String[] {"zeroshot", "--dataset", data.toString()}, model)); // served from the cache
        assertEquals(List.of(".emb", ".skipped.jsonl"), cacheFiles(cache));

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

    /** The suffixes of the cache's files, sorted. */
    private static List<String> cacheFiles(Path cache) throws IOException {
        try (var files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).map(n -> n.substring(n.indexOf('.'))).sorted().toList();
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
