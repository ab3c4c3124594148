package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dihit.core.io.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job on local[2] gives the local job's labels, failures and counts. */
class SparkDistillJobTest {

    @TempDir
    Path dir;

    /** The local and the Spark outputs agree: same labels (1e-6), same unlabelled rows, same counts. */
    static void assertSameOutputs(Path local, Path spark) throws Exception {
        assertEquals(DistillReport.read(local), DistillReport.read(spark));
        assertEquals(Files.readAllLines(SoftLabels.failuresFile(local)), Files.readAllLines(SoftLabels.failuresFile(spark)));
        try (SoftLabelFile a = SoftLabelFile.open(local); SoftLabelFile b = SoftLabelFile.open(spark)) {
            assertEquals(a.size(), b.size());
            assertEquals(a.topK(), b.topK());
            assertEquals(a.numConcepts(), b.numConcepts());
            for (String id : DistillFixtures.LABELLED) {
                SoftLabel x = a.find(id).orElseThrow();
                SoftLabel y = b.find(id).orElseThrow();
                assertArrayEquals(x.concepts(), y.concepts(), id);
                assertArrayEquals(x.probabilities(), y.probabilities(), 1e-6f, id);
            }
            Provenance pa = a.provenance().orElseThrow();
            Provenance pb = b.provenance().orElseThrow();
            assertEquals(pa.dataFingerprint(), pb.dataFingerprint());
            assertEquals(pa.config().get("teacher"), pb.config().get("teacher"));
            assertEquals(pa.config().get("distill"), pb.config().get("distill"));
            assertEquals("spark", pb.config().get("runner").asText());
        }
    }

    @Test
    void sparkJobMatchesTheLocalJob() throws Exception {
        List<Path> inputs = new ArrayList<>(DistillFixtures.write(dir));
        // a second shard so that both local[2] workers label at once
        Path moreDir = dir.resolve("more");
        List<Path> more = DistillFixtures.write(moreDir);
        inputs.add(more.get(1)); // same ids as the first shard: every row there is a duplicate_id failure
        TeacherSpec teacher = TeacherSpec.of(DistillFixtures.teacher(), 8);
        SoftLabelConfig config = new SoftLabelConfig(3, 1.5, 2, 1);

        DistillReport local = SoftLabels.precompute(teacher, inputs, dir.resolve("local/labels.soft"), config);
        DistillReport spark;
        try (SparkSession session = SparkSession.builder().master("local[2]").appName("distill-test")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            spark = new SparkDistillJob(session).run(teacher, inputs, dir.resolve("spark/labels.soft"), config);
        }
        assertEquals(15, local.read());
        assertEquals(4, local.failedByReason().get("duplicate_id"));
        assertEquals(local, spark);
        assertSameOutputs(dir.resolve("local/labels.soft"), dir.resolve("spark/labels.soft"));
    }
}
