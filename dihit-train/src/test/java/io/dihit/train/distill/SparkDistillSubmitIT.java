package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.testing.SparkSubmitLauncher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submit-ready jar, launched as docs/distill.md's spark-submit command, gives the local job's outputs. */
class SparkDistillSubmitIT {

    @TempDir
    Path dir;

    @Test
    void submittedJarMatchesTheLocalJob() throws Exception {
        SparkSubmitLauncher.assumeSubmitExecution();
        List<Path> inputs = DistillFixtures.write(dir);
        TeacherSpec teacher = TeacherSpec.of(DistillFixtures.teacher(), 8);
        SoftLabels.precompute(teacher, inputs, dir.resolve("local/labels.soft"), new SoftLabelConfig(3, 1.0, 4, 1));

        Path sparkOut = dir.resolve("spark/labels.soft");
        String output = SparkSubmitLauncher.submit("2g", SparkDistillMain.class.getName(), dir.resolve("submit.log"),
                "--data", inputs.get(0).toString(), inputs.get(1).toString(), "--teacher", DistillFixtures.teacher().toString(),
                "--out", sparkOut.toString(), "--image-size", "8", "--top-k", "3", "--temperature", "1.0",
                "--batch-size", "4", "--threads", "1");
        assertTrue(output.contains("soft labels: read 11, labelled 6, skipped 2"), output);
        SparkDistillJobTest.assertSameOutputs(dir.resolve("local/labels.soft"), sparkOut);
    }
}
