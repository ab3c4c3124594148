package io.dihit.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The skip listener of fromManifests / fromShards sees every source skip, named by file and position. */
class ImageTextDatasetTest {
    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @TempDir
    Path dir;

    @Test
    void everyEmptyCaptionOfAManifestReachesTheListenerWithItsFileAndLine() throws IOException {
        StringBuilder csv = new StringBuilder("id,image,caption\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("r").append(i).append(",img").append(i).append(".png,").append(i % 5 == 0 ? "a cat" : "").append('\n');
        }
        Path m = dir.resolve("train.csv");
        Files.writeString(m, csv);
        List<Skip> skips = new ArrayList<>();
        ImageTextDataset d = ImageTextDataset.fromManifests(List.of(m), skips::add);

        assertEquals(300, d.size());
        assertEquals(1200, skips.size());
        assertEquals(1200, d.sourceReports().get(0).count(SkipReason.EMPTY_CAPTION));
        Set<String> ids = new HashSet<>();
        for (Skip s : skips) {
            assertEquals(SkipReason.EMPTY_CAPTION, s.reason());
            assertEquals("train.csv", s.source());
            int row = Integer.parseInt(s.id().substring(1));
            assertEquals(row + 2, s.where()); // line 1 is the header
            ids.add(s.id());
        }
        assertEquals(1200, ids.size());
    }

    @Test
    void shardSamplesWithoutCaptionsReachTheListenerWithTheirShard() throws IOException {
        Path shard = dir.resolve("s-000.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            w.add("0001", "png", IMAGE, "a dog");
            w.member("0002.png", IMAGE);
            w.add("0003", "png", IMAGE, "a cat");
            w.member("0004.png", IMAGE);
        }
        List<Skip> skips = new ArrayList<>();
        ImageTextDataset d = ImageTextDataset.fromShards(List.of(shard), skips::add);

        assertEquals(2, d.size());
        assertEquals(List.of("0002", "0004"), skips.stream().map(Skip::id).toList());
        assertEquals(List.of(2L, 4L), skips.stream().map(Skip::where).toList());
        skips.forEach(s -> assertEquals(SkipReason.MISSING_CAPTION, s.reason()));
        skips.forEach(s -> assertEquals("s-000.tar", s.source()));
        assertEquals(2, d.sourceReports().get(0).count(SkipReason.MISSING_CAPTION));
    }
}
