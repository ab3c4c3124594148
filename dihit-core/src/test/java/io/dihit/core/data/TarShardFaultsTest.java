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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault injection for tar shards: corrupt headers cost one sample, every skip is listed. */
class TarShardFaultsTest {
    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5};

    @TempDir
    Path dir;

    private Path shard(int samples) throws IOException {
        Path shard = dir.resolve("s.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 1; i <= samples; i++) {
                w.add(String.format("%04d", i), "png", IMAGE, "caption " + i);
            }
        }
        return shard;
    }

    /** Flips a byte in the header of member {@code name} (its header is the block before its data). */
    private static void corruptHeaderOf(Path shard, String key, boolean imageMember) throws IOException {
        ShardSample s = TarShards.index(shard).samples().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(shard);
        long header = imageMember ? s.imageOffset() - 512 : s.imageOffset() + 512; // the .txt header follows the 1-block image
        b[(int) header + 3] ^= 0x21;
        Files.write(shard, b);
    }

    private record Read(List<ShardSample> samples, DataReport report, List<Skip> skips, long lost) {
    }

    private static Read read(Path shard) throws IOException {
        List<Skip> skips = new ArrayList<>();
        try (TarShards.Reader r = TarShards.open(shard, true)) {
            r.report().addSkipListener(skips::add);
            List<ShardSample> s = r.samples().toList();
            return new Read(s, r.report(), skips, r.membersLost());
        }
    }

    @Test
    void corruptImageHeaderOfSample20Of100CostsOnlySample20() throws IOException {
        Path shard = shard(100);
        corruptHeaderOf(shard, "0020", true);
        Read r = read(shard);
        assertEquals(100, r.report().read());
        assertEquals(99, r.samples().size());
        assertEquals(1, r.report().skippedCount());
        assertEquals(1, r.report().count(SkipReason.CORRUPT_SHARD));
        assertEquals("0020", r.skips().get(0).id());
        assertEquals(20, r.skips().get(0).where());
        assertEquals(1, r.lost());
        assertEquals(21, r.samples().get(19).ordinal());
        assertEquals("caption 100", r.samples().get(98).caption());
    }

    @Test
    void corruptCaptionHeaderOfSample20Of100CostsOnlySample20() throws IOException {
        Path shard = shard(100);
        corruptHeaderOf(shard, "0020", false);
        Read r = read(shard);
        assertEquals(100, r.report().read());
        assertEquals(99, r.samples().size());
        assertEquals(1, r.report().count(SkipReason.CORRUPT_SHARD));
        assertEquals("0020", r.skips().get(0).id());
        assertEquals(20, r.skips().get(0).where());
        assertEquals(1, r.lost());
    }

    @Test
    void moreThanAThousandSamplesWithoutCaptionsAreEachListed() throws IOException {
        Path shard = dir.resolve("nocap.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 0; i < 1500; i++) {
                if (i % 5 == 0) {
                    w.add("k" + i, "png", IMAGE, "a caption");
                } else {
                    w.member("k" + i + ".png", IMAGE);
                }
            }
        }
        Read r = read(shard);
        assertEquals(1500, r.report().read());
        assertEquals(1200, r.report().count(SkipReason.MISSING_CAPTION));
        assertEquals(1200, r.skips().size());
        Set<Long> where = new HashSet<>();
        for (Skip s : r.skips()) {
            assertTrue(s.id().startsWith("k"), s.id());
            where.add(s.where());
        }
        assertEquals(1200, where.size());
        assertEquals(300, r.samples().size());
    }
}
