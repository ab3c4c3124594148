package io.dihit.filter.job;

import io.dihit.core.data.ShardSample;
import io.dihit.core.data.TarShardWriter;
import io.dihit.core.data.TarShards;
import io.dihit.filter.CatRule;
import io.dihit.filter.CatScorer;
import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.spotting.TextMatcher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Test data: small images (plain or "with text"), manifests over them, the broken inputs of web-scale
 * data (shared by the local job's {@code FaultInjectionTest} and the Spark job's test) and the fake
 * processor.
 */
public final class JobFixtures {
    private JobFixtures() {
    }

    /** The fake parser without OCR, with the given image check. */
    public static SampleProcessor fakeProcessor(ImageCheck imageCheck) {
        CatScorer scorer = new CatScorer(new CaptionAnalyzer(new FakeCaptionParser(0)), null, new TextMatcher());
        return new SampleProcessor(scorer, FAKE_RULE, imageCheck);
    }

    static SampleProcessor fakeProcessor(long sleepMillis, boolean withSpotter) {
        CatScorer scorer = new CatScorer(new CaptionAnalyzer(new FakeCaptionParser(sleepMillis)),
                withSpotter ? new FakeTextSpotter() : null, new TextMatcher());
        return new SampleProcessor(scorer, CatRule.DEFAULT.withTextMatch(withSpotter), ImageCheck.NONE);
    }

    /** The rule of {@link #fakeProcessor(ImageCheck)}. */
    public static final CatRule FAKE_RULE = CatRule.DEFAULT.withTextMatch(false);

    /** Writes plain.png (white) and text.png (red corner: the fake spotter reads SALE). */
    public static void writeImages(Path dir) throws IOException {
        Files.createDirectories(dir);
        writePng(dir.resolve("plain.png"), 0xFFFFFF);
        writePng(dir.resolve("text.png"), FakeTextSpotter.RED);
    }

    private static void writePng(Path file, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** The caption of synthetic row i: 1 to 5 words, every 7th mentions "sale". */
    static String caption(int i) {
        String[] words = {"dog", "chasing", "ball", "red", "big"};
        int n = 1 + i % 5;
        List<String> w = new ArrayList<>(List.of(words).subList(0, n));
        if (i % 7 == 0) {
            w.add("sale");
        }
        return String.join(" ", w);
    }

    /** A JSON-lines manifest of n rows over plain.png / text.png (every 3rd shows text). */
    static Path jsonlManifest(Path dir, int n) throws IOException {
        writeImages(dir);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String image = i % 3 == 0 ? "text.png" : "plain.png";
            sb.append("{\"id\":\"s").append(i).append("\",\"image\":\"").append(image)
                    .append("\",\"caption\":\"").append(caption(i)).append("\"}\n");
        }
        Path m = dir.resolve("manifest.jsonl");
        Files.writeString(m, sb);
        return m;
    }

    /** Writes {@code name} into {@code dir}. */
    public static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /**
     * web.csv: 2,500 rows over plain.png; in every 25, rows 0-11 have an empty caption (1,200 in all)
     * and the others alternate "a 12\" pizza sliced" (an inch mark) and "dog chasing ball".
     */
    public static Path inchMarksAndEmptyCaptions(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("id,image,caption\n");
        for (int i = 0; i < 2500; i++) {
            String caption = i % 25 < 12 ? "" : i % 2 == 0 ? "a 12\" pizza sliced" : "dog chasing ball";
            b.append("r").append(i).append(",plain.png,").append(caption).append('\n');
        }
        return write(dir, "web.csv", b.toString());
    }

    /**
     * quotes.csv: 40 rows; r10 has an inch mark, r11 (id written "r11" in quotes) starts its line and
     * its caption with a quoted field, r25's caption opens a quote that never closes (only r25 is lost).
     */
    public static Path quotesAtLineStart(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("id,image,caption\n");
        for (int i = 1; i <= 40; i++) {
            String caption = switch (i) {
                case 10 -> "a 3\" nail in wood";
                case 11 -> "\"quoted, with comma\" then words";
                case 25 -> "\"this quote never closes";
                default -> "dog chasing ball";
            };
            String id = i == 11 ? "\"r11\"" : "r" + i;
            b.append(id).append(",plain.png,").append(caption).append('\n');
        }
        return write(dir, "quotes.csv", b.toString());
    }

    /** corrupt.tar: samples s001..s100 with image {@code png}; a bit flipped in the header of s020.png. */
    public static Path shardWithCorruptHeaderAt20(Path dir, byte[] png) throws IOException {
        Path shard = dir.resolve("corrupt.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 1; i <= 100; i++) {
                w.add(String.format("s%03d", i), "png", png, "dog chasing ball");
            }
        }
        ShardSample s20 = TarShards.index(shard).samples().get(19);
        byte[] bytes = Files.readAllBytes(shard);
        bytes[(int) s20.imageOffset() - 512 + 7] ^= 0x40; // a flipped bit in the name field of s020.png's header
        Files.write(shard, bytes);
        return shard;
    }

    /**
     * a.csv (url, hash and a column named like the score column "reason"; a1 kept, a2 rejected) and
     * b.jsonl (licence and a JSON number width; b1 kept).
     */
    public static List<Path> extraColumns(Path dir) throws IOException {
        Path csv = write(dir, "a.csv", "id,url,image,hash,caption,reason\n"
                + "a1,http://x/1,plain.png,h1,dog chasing ball,r-in\n"
                + "a2,http://x/2,plain.png,h2,red car,r-in2\n");
        Path jsonl = write(dir, "b.jsonl",
                "{\"id\":\"b1\",\"image\":\"plain.png\",\"caption\":\"dog chasing ball\",\"licence\":\"cc-by\",\"width\":640}\n");
        return List.of(csv, jsonl);
    }

    /** d1.csv (x, y, x again at line 4) and d2.jsonl (y again at line 1, z): two duplicate ids across inputs. */
    public static List<Path> duplicateIds(Path dir) throws IOException {
        Path m1 = write(dir, "d1.csv", "id,image,caption\nx,plain.png,dog chasing ball\ny,plain.png,dog chasing ball\n"
                + "x,plain.png,dog chasing ball big\n");
        Path m2 = write(dir, "d2.jsonl", "{\"id\":\"y\",\"image\":\"plain.png\",\"caption\":\"dog chasing ball\"}\n"
                + "{\"id\":\"z\",\"image\":\"plain.png\",\"caption\":\"dog chasing ball\"}\n");
        return List.of(m1, m2);
    }
}
