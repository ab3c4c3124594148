package io.dihit.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.image.ChannelStats;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.image.RgbImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchLoaderTest {
    private static final int N = 30;
    private static final int SIZE = 8;
    private static final CaptionEncoder ENCODER = caption -> {
        if (caption.equals("FAIL")) {
            throw new IllegalArgumentException("refused");
        }
        return new int[] {caption.length(), caption.charAt(caption.length() - 1), 0, 0};
    };

    @TempDir
    Path dir;
    private ImageTextDataset dataset;

    /** Sample i is a solid (8i, 255-8i, 100) image of a varying size; 4 samples are bad in different ways. */
    @BeforeEach
    void makeDataset() throws IOException {
        List<ImageTextRecord> records = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Path p = dir.resolve(String.format("img%02d.png", i));
            int w = 10 + i % 5;
            int h = 8 + i % 3;
            byte[] rgb = new byte[w * h * 3];
            for (int k = 0; k < w * h; k++) {
                rgb[3 * k] = (byte) (8 * i);
                rgb[3 * k + 1] = (byte) (255 - 8 * i);
                rgb[3 * k + 2] = 100;
            }
            if (i == 11) {
                Files.writeString(p, "this is not a png");
            } else if (i != 5) { // 5: missing file
                ImageIO.write(new RgbImage(w, h, rgb).toBufferedImage(), "png", p.toFile());
            }
            String caption = i == 17 ? "  " : i == 23 ? "FAIL" : "caption " + i;
            records.add(new ImageTextRecord(String.format("s%02d", i), p.toString(), caption));
        }
        dataset = ImageTextDataset.of(records);
    }

    private List<Batch> run(LoaderConfig cfg, LoaderState start, int endEpoch, int limit) {
        List<Batch> out = new ArrayList<>();
        try (BatchLoader l = new BatchLoader(dataset, cfg, ImagePreprocessor.training(SIZE), ENCODER);
             BatchSource.Batches it = l.batches(start, endEpoch)) {
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
        }
        return out;
    }

    private static void assertSameBatches(List<Batch> a, List<Batch> b) {
        assertEquals(a.size(), b.size(), "batch count");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).ids(), b.get(i).ids(), "ids of batch " + i);
            assertEquals(a.get(i).epoch(), b.get(i).epoch());
            assertEquals(a.get(i).next(), b.get(i).next());
            assertArrayEquals(a.get(i).pixels(), b.get(i).pixels(), "pixels of batch " + i);
            assertTrue(Arrays.deepEquals(a.get(i).tokens(), b.get(i).tokens()));
        }
    }

    @Test
    void batchesDoNotDependOnThreadCountOrPrefetch() {
        LoaderConfig base = new LoaderConfig(4, 1, 1, 42, true, true);
        List<Batch> one = run(base, LoaderState.start(), 2, Integer.MAX_VALUE);
        List<Batch> three = run(base.withThreads(3).withPrefetchBatches(5), LoaderState.start(), 2, Integer.MAX_VALUE);
        assertEquals(12, one.size()); // 26 good samples per epoch -> 6 full batches of 4
        assertSameBatches(one, three);
        // the two epochs are shuffled differently, the augmentation differs too
        assertNotEquals(one.get(0).ids(), one.get(6).ids());
        List<Batch> otherSeed = run(base.withSeed(43), LoaderState.start(), 1, Integer.MAX_VALUE);
        assertNotEquals(one.get(0).ids(), otherSeed.get(0).ids());
    }

    @Test
    void resumingFromAnyBatchEqualsTheUninterruptedRun() throws IOException {
        LoaderConfig cfg = new LoaderConfig(4, 2, 2, 7, true, true);
        List<Batch> full = run(cfg, LoaderState.start(), 3, Integer.MAX_VALUE);
        assertEquals(18, full.size());
        ObjectMapper json = new ObjectMapper();
        for (int cut : new int[] {1, 5, 6, 7, 17}) {
            List<Batch> head = run(cfg, LoaderState.start(), 3, cut);
            // the state survives a JSON round trip, as it would in a checkpoint
            LoaderState saved = json.readValue(json.writeValueAsString(head.get(cut - 1).next()), LoaderState.class);
            List<Batch> rest = run(cfg, saved, 3, Integer.MAX_VALUE);
            List<Batch> joined = new ArrayList<>(head);
            joined.addAll(rest);
            assertSameBatches(full, joined);
        }
    }

    @Test
    void badSamplesAreSkippedCountedAndNeverEmitted() {
        try (BatchLoader l = new BatchLoader(dataset, new LoaderConfig(4, 2, 2, 1, true, true), ImagePreprocessor.training(SIZE), ENCODER);
             BatchSource.Batches it = l.batches(LoaderState.start(), 1)) {
            Set<String> seen = new HashSet<>();
            int batches = 0;
            while (it.hasNext()) {
                Batch b = it.next();
                assertEquals(4, b.size());
                for (String id : b.ids()) {
                    assertTrue(seen.add(id), "duplicate " + id);
                }
                batches++;
            }
            assertEquals(6, batches);
            DataReport r = l.report();
            assertEquals(30, r.read());
            assertEquals(26, r.keptCount());
            assertEquals(4, r.skippedCount());
            assertEquals(1, r.count(SkipReason.MISSING_FILE));
            assertEquals(1, r.count(SkipReason.UNREADABLE_IMAGE));
            assertEquals(1, r.count(SkipReason.EMPTY_CAPTION));
            assertEquals(1, r.count(SkipReason.CAPTION_ENCODING_FAILED));
            assertEquals(2, l.droppedIncomplete());
            assertEquals(24, seen.size());
            for (String bad : List.of("s05", "s11", "s17", "s23")) {
                assertFalse(seen.contains(bad));
            }
            Set<String> skippedIds = new HashSet<>();
            r.examples().forEach(s -> skippedIds.add(s.id()));
            assertEquals(Set.of("s05", "s11", "s17", "s23"), skippedIds);
        }
    }

    @Test
    void evaluationKeepsDatasetOrderEmitsTheLastPartialBatchAndNormalisesPixels() {
        LoaderConfig cfg = LoaderConfig.evaluation(4).withThreads(2);
        List<Batch> all;
        try (BatchLoader l = new BatchLoader(dataset, cfg, ImagePreprocessor.evaluation(SIZE), ENCODER);
             BatchSource.Batches it = l.batches(LoaderState.start(), 1)) {
            all = new ArrayList<>();
            it.forEachRemaining(all::add);
        }
        assertEquals(7, all.size());
        assertEquals(2, all.get(6).size());
        assertEquals(List.of("s28", "s29"), all.get(6).ids());
        assertEquals(new LoaderState(1, 0), all.get(6).next());
        assertEquals(List.of("s00", "s01", "s02", "s03"), all.get(0).ids());
        assertEquals(List.of("s04", "s06", "s07", "s08"), all.get(1).ids()); // s05 missing
        // sample s06 (index 1 of batch 1) is solid (48, 207, 100): every pixel of each plane is known
        Batch b = all.get(1);
        int plane = SIZE * SIZE;
        int base = 3 * plane;
        int[] rgb = {48, 207, 100};
        for (int c = 0; c < 3; c++) {
            float want = (rgb[c] / 255f - ChannelStats.CLIP_MEAN.get(c)) / ChannelStats.CLIP_STD.get(c);
            for (int k = 0; k < plane; k++) {
                assertEquals(want, b.pixels()[base + c * plane + k], 0f);
            }
        }
        assertArrayEquals(new int[] {"caption 6".length(), '6', 0, 0}, b.tokens()[1]);
    }

    @Test
    void loadsFromTarShardsWithTheSameSkips() throws IOException {
        Path shard = dir.resolve("shards/train-000.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 0; i < N; i++) {
                if (i == 5) {
                    continue; // no image file: simply absent from the shard
                }
                Path img = dir.resolve(String.format("img%02d.png", i));
                w.add(dataset.get(i).id(), "png", Files.readAllBytes(img), i == 17 ? "caption 17" : dataset.get(i).caption());
            }
        }
        ImageTextDataset fromShard = ImageTextDataset.fromShards(List.of(shard));
        assertEquals(29, fromShard.size()); // s05 absent; s17 gets a real caption here
        List<Batch> all = new ArrayList<>();
        try (BatchLoader l = new BatchLoader(fromShard, LoaderConfig.evaluation(8).withThreads(2), ImagePreprocessor.evaluation(SIZE), ENCODER);
             BatchSource.Batches it = l.batches(LoaderState.start(), 1)) {
            it.forEachRemaining(all::add);
            assertEquals(29, l.report().read());
            assertEquals(1, l.report().count(SkipReason.UNREADABLE_IMAGE));         // s11
            assertEquals(1, l.report().count(SkipReason.CAPTION_ENCODING_FAILED));  // s23
            assertEquals(27, l.report().keptCount());
        }
        assertEquals(List.of(8, 8, 8, 3), all.stream().map(Batch::size).toList());
        assertEquals(List.of("s00", "s01", "s02", "s03", "s04", "s06", "s07", "s08"), all.get(0).ids());
        // s06 decoded from the shard: the same solid colour as from its file
        int plane = SIZE * SIZE;
        assertEquals((48 / 255f - ChannelStats.CLIP_MEAN.r()) / ChannelStats.CLIP_STD.r(), all.get(0).pixels()[5 * 3 * plane], 0f);
    }

    @Test
    void batchesBecomeNDArrays() {
        List<Batch> b = run(new LoaderConfig(4, 1, 1, 3, true, true), LoaderState.start(), 1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = b.get(0).images(m);
            NDArray tokens = b.get(0).tokenArray(m);
            assertEquals(new Shape(4, 3, SIZE, SIZE), images.getShape());
            assertEquals(DataType.FLOAT32, images.getDataType());
            assertEquals(new Shape(4, 4), tokens.getShape());
            assertEquals(DataType.INT32, tokens.getDataType());
            assertArrayEquals(b.get(0).pixels(), images.toFloatArray());
            assertEquals(b.get(0).tokens()[2][0], tokens.toIntArray()[8]);
            Batch tail = b.get(0).slice(1, 3);
            assertEquals(b.get(0).ids().subList(1, 3), tail.ids());
            assertArrayEquals(b.get(0).tokens()[2], tail.tokens()[1]);
            assertArrayEquals(Arrays.copyOfRange(images.toFloatArray(), 3 * SIZE * SIZE, 9 * SIZE * SIZE),
                    tail.images(m).toFloatArray());
            assertEquals(b.get(0).next(), tail.next());
        }
    }

    @Test
    void loaderStateIsJsonAndReadsTheOldStringForm() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LoaderState state = new LoaderState(2, 17);
        assertEquals("{\"epoch\":2,\"position\":17}", json.writeValueAsString(state));
        assertEquals(state, json.readValue("{\"epoch\":2,\"position\":17}", LoaderState.class));
        assertEquals(state, json.readValue("\"2:17\"", LoaderState.class), "loader position of older checkpoints");
        assertEquals(new LoaderState(0, 12), json.readValue("\"12\"", LoaderState.class), "indexed position of older checkpoints");
        assertThrows(IllegalArgumentException.class, () -> LoaderState.parse("two:17"));
    }
}
