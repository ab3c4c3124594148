package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.image.ImageDecoder;
import io.dihit.train.distill.ConceptTeacher;
import io.dihit.train.distill.SoftLabelConfig;
import io.dihit.train.distill.DistillReport;
import io.dihit.train.distill.SoftLabel;
import io.dihit.train.distill.SoftLabelFile;
import io.dihit.train.distill.SoftLabels;
import io.dihit.train.distill.TeacherSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * docs/library.md, "Teacher soft labels": a TorchScript teacher labels every sample of the emoji tar shards; the one
 * sample whose image is not a PNG is a counted, listed failure, and a label equals the teacher's own top-3.
 */
class TeacherSoftLabelsTest extends SnippetTest {
    /** A frozen conv teacher, (N, 3, 8, 8) images to 5 concept logits, committed with dihit-train's tests. */
    static Path teacherFile() {
        return EmojiData.projectDir().resolve("dihit-train/src/test/resources/teachers/tiny_teacher.torchscript.pt");
    }



    @Test
    void labelsEveryShardSampleAndListsTheBrokenOne() throws Exception {
        EmojiData data = EmojiData.get();
        Path teacherFile = teacherFile();
        List<Path> shards = data.shards;
        Path labelsFile = dir.resolve("labels.soft");
        EmojiData.Row first = data.trainRows.get(0);
        String id = first.id();

        printed = Printed.capture();
        // --- docs/library.md "Teacher soft labels" ---
        TeacherSpec teacher = TeacherSpec.of(teacherFile, 8);              // TorchScript (.pt) or ONNX (.onnx), image side
        DistillReport report = SoftLabels.precompute(teacher, shards, labelsFile, SoftLabelConfig.defaults().withTopK(3));
        System.out.println(report.labelled() + " labelled, " + report.failed() + " failed of " + report.read());
        try (SoftLabelFile labels = SoftLabelFile.open(labelsFile)) {
            SoftLabel label = labels.find(id).orElseThrow();                // the teacher's top 3 concepts
            System.out.println(Arrays.toString(label.concepts()) + " " + Arrays.toString(label.probabilities()));
        }
        // --- end of snippet ---
        List<String> lines = printed.stop();

        // every sample is accounted for: 180 labelled, the broken one failed and listed by id
        assertEquals(data.shardSamples(), report.read());
        assertEquals(data.trainRows.size(), report.labelled());
        assertEquals(Map.of("unreadable_image", 1L), report.failedByReason());
        assertEquals(report.read(), report.labelled() + report.skipped() + report.failed());
        assertEquals((data.trainRows.size()) + " labelled, 1 failed of " + data.shardSamples(), lines.get(0));
        List<String> failures = Files.readAllLines(SoftLabels.failuresFile(labelsFile));
        assertEquals(1, failures.size());
        JsonNode failure = new ObjectMapper().readTree(failures.get(0));
        assertEquals("broken-image", failure.path("id").asText());
        assertEquals(report, DistillReport.read(labelsFile), "the summary file holds the same counts");

        // the label is the teacher's softmax over its 5 concepts, cut to the top 3 and renormalised
        float[] probabilities;
        try (NDManager manager = NDManager.newBaseManager();
             ConceptTeacher model = teacher.load(Device.cpu())) {
            float[] pixels = teacher.preprocessor().apply(ImageDecoder.decode(first.image()), new Random(0));
            NDArray logits = model.conceptLogits(manager.create(pixels, new Shape(1, 3, 8, 8)));
            probabilities = logits.softmax(1).toFloatArray();
        }
        SoftLabel expected = SoftLabel.topK(probabilities, 3);
        try (SoftLabelFile labels = SoftLabelFile.open(labelsFile)) {
            SoftLabel label = labels.find(id).orElseThrow();
            assertArrayEquals(expected.concepts(), label.concepts());
            assertArrayEquals(expected.probabilities(), label.probabilities(), 1e-5f);
            assertEquals(Arrays.toString(label.concepts()) + " " + Arrays.toString(label.probabilities()), lines.get(1));
        }
    }
}
