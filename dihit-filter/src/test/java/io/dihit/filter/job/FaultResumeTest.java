package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.data.ShardSample;
import io.dihit.core.data.TarShardWriter;
import io.dihit.core.data.TarShards;
import io.dihit.filter.CatRule;
import io.dihit.filter.CatScorer;
import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.CaptionParse;
import io.dihit.filter.caption.CaptionParser;
import io.dihit.filter.spotting.TextMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job over damaged inputs (shard with a corrupt header and samples without captions, a manifest
 * with inch marks, empty captions and duplicate ids) that crashes midway resumes to exactly the
 * outputs of an uninterrupted run: shard positions (sample ordinals) and duplicate detection survive
 * the resume.
 */
class FaultResumeTest {
    @TempDir
    Path dir;

    /** Stops the job from inside a worker: an Error is not a row failure. */
    private static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    private static SampleProcessor processor(int crashAfterParses) {
        FakeCaptionParser fake = new FakeCaptionParser(0);
        AtomicInteger parses = new AtomicInteger();
        CaptionParser parser = new CaptionParser() {
            @Override
            public CaptionParse parse(String caption) {
                if (parses.incrementAndGet() > crashAfterParses) {
                    throw new Crash();
                }
                return fake.parse(caption);
            }

            @Override
            public String name() {
                return "fake";
            }
        };
        CatScorer scorer = new CatScorer(new CaptionAnalyzer(parser, 0), null, new TextMatcher());
        return new SampleProcessor(scorer, CatRule.DEFAULT.withTextMatch(false), ImageCheck.HEADER);
    }

    @Test
    void aCrashedJobOverDamagedInputsResumesToTheSameOutputs() throws Exception {
        JobFixtures.writeImages(dir);
        byte[] png = Files.readAllBytes(dir.resolve("plain.png"));
        Path shard = dir.resolve("s.tar");
        try (TarShardWriter w = new TarShardWriter(shard)) {
            for (int i = 1; i <= 60; i++) {
                if (i % 9 == 0) {
                    w.member(String.format("k%02d.png", i), png); // no caption
                } else {
                    w.add(String.format("k%02d", i), "png", png, i % 2 == 0 ? "dog chasing ball" : "red car");
                }
            }
        }
        ShardSample k30 = TarShards.index(shard).samples().stream().filter(s -> s.key().equals("k30")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(shard);
        bytes[(int) k30.imageOffset() - 512 + 2] ^= 0x10;
        Files.write(shard, bytes);
        StringBuilder csv = new StringBuilder("id,image,caption,url\n");
        for (int i = 0; i < 60; i++) {
            String id = i % 10 == 3 ? "k" + String.format("%02d", i + 1) : "m" + i; // some ids repeat shard keys
            String caption = i % 7 == 0 ? "" : i % 2 == 0 ? "a 12\" dog chasing ball" : "red car";
            csv.append(id).append(",plain.png,").append(caption).append(",http://x/").append(i).append('\n');
        }
        Path manifest = dir.resolve("m.csv");
        Files.writeString(manifest, csv);
        List<Path> inputs = List.of(shard, manifest);

        FilterJobConfig whole = FilterJobConfig.of(inputs, dir.resolve("whole"), 1).withOutputFormat("csv").withCheckpointEvery(1);
        LocalFilterJob reference = new LocalFilterJob(whole, processor(Integer.MAX_VALUE));
        JobCounters expected = reference.run();
        assertEquals(120, expected.read);

        for (int crashAt : new int[] {20, 70}) { // inside the shard, inside the manifest
            FilterJobConfig config = FilterJobConfig.of(inputs, dir.resolve("crash" + crashAt), 1).withOutputFormat("csv")
                    .withCheckpointEvery(1);
            assertThrows(IllegalStateException.class, () -> new LocalFilterJob(config, processor(crashAt)).run());
            LocalFilterJob resumed = new LocalFilterJob(config, processor(Integer.MAX_VALUE));
            JobCounters c = resumed.run();
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.writeValueAsString(expected), json.writeValueAsString(c));
            assertArrayEquals(Files.readAllBytes(reference.keptFile()), Files.readAllBytes(resumed.keptFile()));
            assertArrayEquals(Files.readAllBytes(reference.rejectedFile()), Files.readAllBytes(resumed.rejectedFile()));
            assertArrayEquals(Files.readAllBytes(reference.failedFile()), Files.readAllBytes(resumed.failedFile()));
        }
    }
}
