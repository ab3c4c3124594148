package io.dihit.eval;

import static io.dihit.eval.EvalMainTest.concat;
import static io.dihit.eval.EvalMainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.data.Skip;
import io.dihit.core.data.SkipReason;
import io.dihit.core.data.TarShardWriter;
import io.dihit.core.io.Provenance;
import io.dihit.core.util.UserError;
import io.dihit.eval.report.SkipLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: bad images are counted skips, missing files say so, one-class data and bad outputs are refused early. */
class EvalSkipsTest {
    private static final int RED = 0xD02020;
    private static final int BLUE = 0x2040D0;

    @TempDir
    static Path shared;
    private static String[] model;

    @BeforeAll
    static void model() throws IOException {
        model = new String[] {"--checkpoint", TinyModels.demoTinyCheckpoint(shared).toString(), "--merges",
            TinyModels.byteMerges(shared).toString(), "--batch", "4"};
    }

    @Test
    void unreadableImagesAreCountedSkipsAndTheRunGoesOn(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("shapes");
        for (int i = 0; i < 2; i++) {
            TinyModels.writeSquare(data.resolve("red_square/" + i + ".png"), RED, i);
            TinyModels.writeSquare(data.resolve("blue_square/" + i + ".png"), BLUE, i);
        }
        Files.write(data.resolve("red_square/empty.png"), new byte[0]);
        Files.writeString(data.resolve("red_square/notes.png"), "this is a text file, not a picture\n");
        Files.write(data.resolve("blue_square/huge.png"), TinyModels.pngHeaderOnly(20000));
        Path out = dir.resolve("out");
        Path cache = dir.resolve("cache");
        String[] args = concat(new String[] {"zeroshot", "--dataset", data.toString(), "--out", out.toString(),
            "--cache", cache.toString()}, model);

        for (int pass = 0; pass < 2; pass++) { // the second pass reads the embeddings (and their skips) from the cache
            run(args);
            JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertEquals(4, r.at("/zeroShot/samples").asInt(), "pass " + pass);
            assertEquals(3, r.at("/skipped/images").asInt());
            assertEquals(3, r.at("/skipped/byReason/unreadable_image").asInt());
            assertEquals(SkipLog.FILE_NAME, r.at("/skipped/file").asText());
            List<Skip> skips = SkipLog.read(out.resolve(SkipLog.FILE_NAME));
            // folder order: blue_square/0, 1, huge; red_square/0, 1, empty, notes
            assertEquals(List.of("blue_square/huge.png", "red_square/empty.png", "red_square/notes.png"),
                    skips.stream().map(Skip::id).sorted().toList());
            assertEquals(List.of(2L, 5L, 6L), skips.stream().map(Skip::where).sorted().toList());
            assertTrue(skips.stream().allMatch(s -> s.reason() == SkipReason.UNREADABLE_IMAGE));
            assertTrue(detail(skips, "blue_square/huge.png").contains("too large: 20000x20000"), skips.toString());
            assertTrue(detail(skips, "red_square/empty.png").contains("empty image data"), skips.toString());
            assertTrue(detail(skips, "red_square/notes.png").contains("not a recognised image format"), skips.toString());
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("| images skipped (unreadable) | 3"));
    }

    @Test
    void retrievalNamesAMissingFileAndReadsTarShards(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images");
        TinyModels.writeSquare(images.resolve("red.png"), RED, 0);
        TinyModels.writeSquare(images.resolve("blue.png"), BLUE, 0);
        Path nope = dir.resolve("x/nope.png");
        Path csv = dir.resolve("captions.csv");
        Files.writeString(csv, "id,image,caption\n"
                + "r1," + images.resolve("red.png") + ",a red square\n"
                + "n1," + nope + ",a lost picture\n"
                + "b1," + images.resolve("blue.png") + ",a blue square\n"
                + "n2," + nope + ",the same lost picture\n");
        Path out = dir.resolve("out");
        run(concat(new String[] {"retrieval", "--dataset", csv.toString(), "--out", out.toString(), "--no-cache"}, model));
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, r.at("/retrieval/images").asInt());
        assertEquals(2, r.at("/retrieval/texts").asInt());
        assertEquals(1, r.at("/skipped/images").asInt());
        assertEquals(1, r.at("/skipped/byReason/missing_file").asInt());
        assertEquals(2, r.at("/skipped/captionsDropped").asInt());
        assertEquals(0, r.at("/skipped/sourceRowsSkipped").asInt());
        List<Skip> skips = SkipLog.read(out.resolve(SkipLog.FILE_NAME));
        assertEquals(List.of(new Skip(1, nope.toString(), SkipReason.MISSING_FILE, "not found: " + nope)), skips);

        // the same pictures in a tar shard, with one sample whose caption member is missing
        Path shard = dir.resolve("shard-000.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            w.add("red", "png", Files.readAllBytes(images.resolve("red.png")), "a red square");
            w.add("blue", "png", Files.readAllBytes(images.resolve("blue.png")), "a blue square");
            w.member("orphan.png", Files.readAllBytes(images.resolve("red.png")));
        }
        Path tarOut = dir.resolve("tar-out");
        run(concat(new String[] {"retrieval", "--dataset", shard.toString(), "--out", tarOut.toString(), "--no-cache"},
                model));
        JsonNode t = new ObjectMapper().readTree(tarOut.resolve("report.json").toFile());
        assertEquals(2, t.at("/retrieval/images").asInt());
        assertEquals(2, t.at("/retrieval/texts").asInt());
        assertEquals(0, t.at("/skipped/images").asInt());
        assertEquals(1, t.at("/skipped/sourceRowsSkipped").asInt());
        assertEquals(1, t.at("/skipped/sourceRowsByReason/missing_caption").asInt());
        assertEquals(List.of(new Skip(3, "orphan", SkipReason.MISSING_CAPTION, "no .txt member", "shard-000.tar")),
                SkipLog.read(tarOut.resolve(SkipLog.FILE_NAME)), "the sample without a caption, by shard and ordinal");
        assertEquals(1.0, t.at("/retrieval/recalls/1/textToImage").asDouble()); // R@5 over 2 images
    }

    /** Rows the manifest reader drops are listed by id with their file and line, and counted exactly. */
    @Test
    void everyManifestRowTheReaderSkipsIsListed(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images");
        TinyModels.writeSquare(images.resolve("red.png"), RED, 0);
        TinyModels.writeSquare(images.resolve("blue.png"), BLUE, 0);
        StringBuilder csv = new StringBuilder("id,image,caption\n")
                .append("r1,").append(images.resolve("red.png")).append(",red square\n")
                .append("b1,").append(images.resolve("blue.png")).append(",blue square\n");
        int empty = 1_200;
        for (int i = 0; i < empty; i++) {
            csv.append("e").append(i).append(',').append(images.resolve("red.png")).append(",\n");
        }
        Path manifest = dir.resolve("classes.csv");
        Files.writeString(manifest, csv);
        Path out = dir.resolve("out");
        run(concat(new String[] {"zeroshot", "--dataset", manifest.toString(), "--out", out.toString(), "--no-cache"},
                model));
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, r.at("/zeroShot/samples").asInt());
        assertEquals(0, r.at("/skipped/images").asInt());
        assertEquals(empty, r.at("/skipped/sourceRowsSkipped").asInt());
        assertEquals(empty, r.at("/skipped/sourceRowsByReason/empty_caption").asInt());
        List<Skip> skips = SkipLog.read(out.resolve(SkipLog.FILE_NAME));
        assertEquals(empty, skips.size());
        assertEquals(empty, skips.stream().map(Skip::id).distinct().count());
        for (Skip s : skips) {
            assertEquals(SkipReason.EMPTY_CAPTION, s.reason());
            assertEquals("classes.csv", s.source());
            assertEquals(Integer.parseInt(s.id().substring(1)) + 4, s.where(), "header and 2 good rows come first");
        }
    }

    /** The pixel baseline skips unreadable images like the model's path: counted, listed, left out. */
    @Test
    void pixelFeaturesSkipUnreadableImages(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("shapes");
        for (String split : new String[] {"train", "test"}) {
            for (int i = 0; i < 4; i++) {
                TinyModels.writeSquare(data.resolve(split + "/red_square/" + i + ".png"), RED, i);
                TinyModels.writeSquare(data.resolve(split + "/blue_square/" + i + ".png"), BLUE, i);
            }
        }
        Files.writeString(data.resolve("train/red_square/notes.png"), "not a picture\n");
        Files.write(data.resolve("test/blue_square/empty.png"), new byte[0]);
        Path out = dir.resolve("out");
        run("linear", "--dataset", data.toString(), "--features", "pixels", "--lambdas", "1e-2", "--out",
                out.toString());
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(8, r.at("/linearProbe/trainSize").asInt());
        assertEquals(8, r.at("/linearProbe/testSize").asInt());
        assertEquals(2, r.at("/skipped/images").asInt());
        assertEquals(2, r.at("/skipped/byReason/unreadable_image").asInt());
        List<Skip> skips = SkipLog.read(out.resolve(SkipLog.FILE_NAME));
        assertEquals(List.of("blue_square/empty.png", "red_square/notes.png"), skips.stream().map(Skip::id).sorted().toList());
        assertTrue(skips.stream().allMatch(s -> s.reason() == SkipReason.UNREADABLE_IMAGE), skips.toString());
        assertEquals("train", skips.stream().filter(s -> s.id().equals("red_square/notes.png")).findFirst().orElseThrow()
                .source(), "the split names which red_square/notes.png");
        assertEquals("test", skips.stream().filter(s -> s.id().equals("blue_square/empty.png")).findFirst().orElseThrow()
                .source());
        assertEquals(1.0, r.at("/linearProbe/top1").asDouble(), "red and blue squares are told apart by their pixels");
    }

    @Test
    void reportCarriesProvenance(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("shapes");
        TinyModels.writeSquare(data.resolve("red/0.png"), RED, 0);
        TinyModels.writeSquare(data.resolve("blue/0.png"), BLUE, 0);
        Path out = dir.resolve("out");
        run(concat(new String[] {"zeroshot", "--dataset", data.toString(), "--out", out.toString(), "--no-cache"}, model));
        Provenance p = Provenance.read(out.resolve("report.json")).orElseThrow();
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("zeroshot", p.config().get("task").asText());
        assertEquals(data.toString(), p.config().get("dataset").asText());
        assertEquals(r.at("/run/datasetFingerprint").asText(), p.dataFingerprint());
        assertTrue(p.engine().startsWith("PyTorch"), p.engine());
    }

    @Test
    void oneClassDataIsRefusedBeforeTheModelLoads(@TempDir Path dir) throws IOException {
        // a checkpoint that cannot load: the refusal must come first
        Path broken = dir.resolve("broken.safetensors");
        Files.writeString(broken, "not a checkpoint");
        String[] brokenModel = {"--checkpoint", broken.toString(), "--config", "demo_tiny", "--merges",
            TinyModels.byteMerges(dir).toString()};
        Path data = dir.resolve("cats");
        for (String split : new String[] {"train", "test"}) {
            TinyModels.writeSquare(data.resolve(split + "/cat/0.png"), RED, 0);
            TinyModels.writeSquare(data.resolve(split + "/cat/1.png"), RED, 1);
        }
        UserError zs = assertThrows(UserError.class,
                () -> run(concat(new String[] {"zeroshot", "--dataset", data.resolve("test").toString()}, brokenModel)));
        assertTrue(zs.getMessage().contains("has 1 class [cat]; classification and the probes need at least 2 classes"),
                zs.getMessage());
        UserError few = assertThrows(UserError.class,
                () -> run(concat(new String[] {"fewshot", "--dataset", data.toString(), "--shots", "1"}, brokenModel)));
        assertTrue(few.getMessage().contains("need at least 2 classes"), few.getMessage());
        assertFalse(few.getMessage().contains("folds"), few.getMessage());
    }

    @Test
    void userErrorsComeBeforeTheModelLoads(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.safetensors");
        Files.writeString(broken, "not a checkpoint");
        String[] brokenModel = {"--checkpoint", broken.toString(), "--config", "demo_tiny", "--merges",
            TinyModels.byteMerges(dir).toString()};
        Path data = dir.resolve("shapes");
        TinyModels.writeSquare(data.resolve("red/0.png"), RED, 0);
        TinyModels.writeSquare(data.resolve("blue/0.png"), BLUE, 0);
        Path file = Files.writeString(dir.resolve("report.txt"), "a file, not a folder");

        UserError out = assertThrows(UserError.class, () -> run(concat(new String[] {"zeroshot", "--dataset",
            data.toString(), "--out", file.toString()}, brokenModel)));
        assertEquals("--out " + file + " is a file; give a folder for report.json, report.md and skipped.jsonl",
                out.getMessage());
        UserError manifest = assertThrows(UserError.class, () -> run(concat(new String[] {"retrieval", "--dataset",
            dir.resolve("nope.csv").toString()}, brokenModel)));
        assertEquals("dataset " + dir.resolve("nope.csv") + ": not found", manifest.getMessage());
        UserError merges = assertThrows(UserError.class, () -> run("zeroshot", "--dataset", data.toString(),
                "--checkpoint", broken.toString(), "--config", "demo_tiny", "--merges", dir.resolve("m.txt").toString()));
        assertEquals("--merges " + dir.resolve("m.txt") + ": not found", merges.getMessage());
        IllegalArgumentException shots = assertThrows(IllegalArgumentException.class, () -> run(concat(
                new String[] {"fewshot", "--dataset", data.toString(), "--shots", "1,two"}, brokenModel)));
        assertEquals("--shots expects comma-separated integers, got '1,two'", shots.getMessage());
    }

    private static String detail(List<Skip> skips, String id) {
        return skips.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().detail();
    }
}
