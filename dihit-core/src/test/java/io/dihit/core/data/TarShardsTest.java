package io.dihit.core.data;

import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarShardsTest {
    private static final String LONG = "d".repeat(60) + "/" + "k".repeat(50);

    @TempDir
    Path dir;

    static byte[] resource(String path) throws IOException {
        try (InputStream in = TarShardsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }

    private Path copy(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, resource(name));
        return p;
    }

    private static List<ShardSample> read(Path shard, DataReport[] report) throws IOException {
        try (TarShards.Reader r = TarShards.open(shard, true)) {
            List<ShardSample> s = r.samples().toList();
            report[0] = r.report();
            return s;
        }
    }

    @Test
    void readsAPythonPaxShard() throws IOException {
        DataReport[] rep = new DataReport[1];
        List<ShardSample> s = read(copy("python_pax.tar"), rep);
        assertEquals(List.of("s/000", LONG), s.stream().map(ShardSample::key).toList());
        assertEquals("a red fox jumps", s.get(0).caption());
        assertEquals("café au lait ☕", s.get(1).caption()); // UTF-8, trailing newline stripped
        assertEquals(LONG + ".jpg", s.get(1).imageMember());
        assertArrayEquals(resource("../image/rgba.png"), s.get(0).image());
        assertArrayEquals(resource("../image/gradient.jpg"), s.get(1).image());
        assertEquals(3, rep[0].read());
        assertEquals(1, rep[0].count(SkipReason.MISSING_CAPTION)); // s/002.png has no .txt
        assertEquals("s/002", rep[0].examples().get(0).id());
    }

    @Test
    void readsAGnuTarShardWithLongLinkNames() throws IOException {
        DataReport[] rep = new DataReport[1];
        List<ShardSample> s = read(copy("gnu.tar"), rep);
        assertEquals(List.of("001", LONG), s.stream().map(ShardSample::key).toList());
        assertEquals(List.of("two gray cats", "a palette image"), s.stream().map(ShardSample::caption).toList());
        assertArrayEquals(resource("../image/palette.png"), s.get(1).image());
        assertEquals(0, rep[0].skippedCount());
    }

    @Test
    void writerRoundTripsAndOffsetsPointAtTheImageBytes() throws IOException {
        Path shard = dir.resolve("out/shard-000.tar");
        byte[] png = resource("../image/rgba.png");
        byte[] jpg = resource("../image/gradient.jpg");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            w.add("a", "png", png, "first");
            w.add(LONG + "x".repeat(40), "jpg", jpg, "second, with a long key");
            assertThrows(IllegalArgumentException.class, () -> w.add("a", "png", png, "dup"));
            assertThrows(IllegalArgumentException.class, () -> w.add("b.c", "png", png, "dot"));
            assertThrows(IllegalArgumentException.class, () -> w.add("b", "gif", png, "gif"));
        }
        TarShards.Index idx = TarShards.index(shard);
        assertEquals(2, idx.samples().size());
        assertNull(idx.samples().get(0).image());
        byte[] all = Files.readAllBytes(shard);
        ShardSample second = idx.samples().get(1);
        assertEquals(LONG + "x".repeat(40) + ".jpg", second.imageMember());
        assertArrayEquals(jpg, Arrays.copyOfRange(all, (int) second.imageOffset(), (int) (second.imageOffset() + second.imageSize())));
        assertEquals(shard + "#a.png", idx.records().get(0).image());
        assertEquals(0, idx.report().skippedCount());
    }

    @Test
    void truncatedShardKeepsCompleteSamplesAndCountsTheLostOne() throws IOException {
        Path shard = dir.resolve("full.tar");
        byte[] png = resource("../image/rgba.png");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 0; i < 4; i++) {
                w.add("k" + i, "png", png, "caption " + i);
            }
        }
        byte[] full = Files.readAllBytes(shard);
        TarShards.Index idx = TarShards.index(shard);
        long imageAt = idx.samples().get(2).imageOffset();
        // cut inside sample 2's image data: samples 0 and 1 kept, sample 2 lost, sample 3 never seen
        Path cut = dir.resolve("cut.tar");
        Files.write(cut, Arrays.copyOf(full, (int) imageAt + 50));
        for (boolean load : new boolean[] {true, false}) {
            try (TarShards.Reader r = TarShards.open(cut, load)) {
                assertEquals(List.of("k0", "k1"), r.samples().map(ShardSample::key).toList());
                assertEquals(3, r.report().read());
                assertEquals(1, r.report().count(SkipReason.TRUNCATED_SHARD));
                Skip s = r.report().examples().get(0);
                assertEquals("k2", s.id());
                assertTrue(s.detail().contains("ends inside member k2.png (50 of " + png.length + " bytes)"), s.detail());
            }
        }
        // cut inside the header after sample 1's caption: sample 1 is complete and kept
        Path cutHeader = dir.resolve("cut2.tar");
        Files.write(cutHeader, Arrays.copyOf(full, (int) imageAt - 512 + 100));
        try (TarShards.Reader r = TarShards.open(cutHeader, true)) {
            assertEquals(List.of("k0", "k1"), r.samples().map(ShardSample::key).toList());
            assertEquals(1, r.report().count(SkipReason.TRUNCATED_SHARD));
            assertTrue(r.report().examples().get(0).detail().contains("ends inside a header"));
        }
    }

    @Test
    void badCaptionsAndCorruptHeadersAreCountedSkips() throws IOException {
        Path shard = dir.resolve("bad.tar");
        byte[] png = resource("../image/gray.png");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            w.member("a.png", png);
            w.member("a.txt", new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x82});  // truncated UTF-8 sequence
            w.member("b.png", png);
            w.member("b.txt", "  \n".getBytes(StandardCharsets.UTF_8));        // blank caption
            w.member("c.txt", "no image".getBytes(StandardCharsets.UTF_8));
            w.add("d", "png", png, "good");
            w.add("e", "png", png, "after the corruption");
        }
        byte[] b = Files.readAllBytes(shard);
        TarShards.Index before = TarShards.index(shard);
        int eHeader = (int) before.samples().get(1).imageOffset() - 512;
        b[eHeader + 5] ^= 0x55; // corrupt the name of e.png: checksum no longer matches
        Files.write(shard, b);
        try (TarShards.Reader r = TarShards.open(shard, true)) {
            assertEquals(List.of("d"), r.samples().map(ShardSample::key).toList());
            DataReport rep = r.report();
            assertEquals(1, rep.count(SkipReason.BAD_UTF8));
            assertEquals(1, rep.count(SkipReason.EMPTY_CAPTION));
            assertEquals(1, rep.count(SkipReason.MISSING_IMAGE));
            assertEquals(1, rep.count(SkipReason.CORRUPT_SHARD));
            Skip corrupt = rep.examples().get(3);
            assertEquals("e", corrupt.id());
            assertEquals(5, corrupt.where());
            assertTrue(corrupt.detail().contains("corrupt tar header"), corrupt.detail());
            assertEquals(5, rep.read());
            assertEquals(1, r.membersLost());
        }
        assertThrows(IllegalArgumentException.class, () -> TarShards.open(dir.resolve("x.tgz"), true));
    }

    @Test
    void datasetReadsImagesFromShardsByPosition() throws IOException {
        Path shard = copy("gnu.tar");
        ImageTextDataset d = ImageTextDataset.fromShards(List.of(shard));
        assertEquals(2, d.size());
        RgbImage img = ImageDecoder.decode(d.readImage(1));
        assertEquals(4, img.width());
        // manifests may point into shards too
        Path m = dir.resolve("m.csv");
        Files.writeString(m, "id,image,caption\nx,gnu.tar#001.png,two gray cats\ny,gnu.tar#nope.png,missing\n");
        ImageTextDataset viaManifest = ImageTextDataset.fromManifests(List.of(m));
        assertArrayEquals(resource("../image/gray.png"), viaManifest.readImage(0));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> viaManifest.readImage(1));
        // the store behind it reads any reference
        ImageStore store = new ImageStore();
        assertArrayEquals(resource("../image/palette.png"), store.read(shard + "#" + LONG + ".png"));
        assertArrayEquals(resource("../image/gray.png"), store.read(shard + "#001.png"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> store.read(dir.resolve("none.tar") + "#a.png"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> store.read(dir.resolve("none.png").toString()));
    }
}
