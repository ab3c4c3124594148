package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.io.Provenance;
import io.dihit.core.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftLabelsTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRowIsLabelledSkippedOrFailedByIdAndLabelsMatchTheTeacher() throws Exception {
        List<Path> inputs = DistillFixtures.write(dir);
        Path sidecar = dir.resolve("out/labels.soft");
        TeacherSpec teacher = TeacherSpec.of(DistillFixtures.teacher(), 8);
        SoftLabelConfig config = new SoftLabelConfig(3, 2.0, 2, 2);

        DistillReport report = SoftLabels.precompute(teacher, inputs, sidecar, config);

        // 7 manifest rows + 3 shard samples + 1 orphan caption
        assertEquals(11, report.read());
        assertEquals(6, report.labelled());
        assertEquals(2, report.skipped());
        assertEquals(3, report.failed());
        assertEquals(Map.of("empty_caption", 1L, "missing_image", 1L), report.skippedByReason());
        assertEquals(Map.of("missing_file", 1L, "unreadable_image", 1L, "duplicate_id", 1L), report.failedByReason());
        assertEquals(5, report.numConcepts());
        assertEquals(report, DistillReport.read(sidecar));

        List<JsonNode> unlabelled = new ArrayList<>();
        for (String line : Files.readAllLines(SoftLabels.failuresFile(sidecar))) {
            unlabelled.add(JSON.readTree(line));
        }
        assertEquals(List.of("gone", "bad", "quiet", "m1", "orphan"),
                unlabelled.stream().map(n -> n.get("id").asText()).toList());
        assertEquals(List.of("failed", "failed", "skipped", "failed", "skipped"),
                unlabelled.stream().map(n -> n.get("status").asText()).toList());
        assertEquals(List.of(3L, 5L, 6L, 7L), unlabelled.subList(0, 4).stream().map(n -> n.get("where").asLong()).toList());

        try (SoftLabelFile file = SoftLabelFile.open(sidecar);
             ConceptTeacher direct = EngineModelTeacher.torchScript(DistillFixtures.teacher(), Device.cpu());
             NDManager m = NDManager.newBaseManager()) {
            assertEquals(6, file.size());
            assertEquals(3, file.topK());
            assertEquals(2.0f, file.temperature());
            ImagePreprocessor pre = ImagePreprocessor.evaluation(8);
            for (String id : DistillFixtures.LABELLED) {
                Path image = id.startsWith("m") ? dir.resolve("img/" + id + ".png") : null;
                byte[] bytes = image != null ? Files.readAllBytes(image)
                        : DistillFixtures.png(10 + Integer.parseInt(id.substring(1)), 9, 9 + Integer.parseInt(id.substring(1)));
                float[] pixels = pre.apply(ImageDecoder.decode(bytes), new Random(0));
                SoftLabel expected = SoftLabelPrecompute.probabilities(direct, m.create(pixels, new Shape(1, 3, 8, 8)), 2.0)
                        .label(0, 3);
                SoftLabel actual = file.find(id).orElseThrow();
                assertArrayEquals(expected.concepts(), actual.concepts(), id);
                assertArrayEquals(expected.probabilities(), actual.probabilities(), 1e-6f, id);
            }
            assertTrue(file.find("gone").isEmpty());
            Provenance provenance = file.provenance().orElseThrow();
            assertEquals(provenance, Provenance.read(SoftLabels.summaryFile(sidecar)).orElseThrow());
            assertEquals(Provenance.fingerprint(inputs), provenance.dataFingerprint());
            assertEquals(3, provenance.config().get("distill").get("topK").asInt());
            assertEquals(teacher.model(), provenance.config().get("teacher").get("model").asText());
            assertEquals("local", provenance.config().get("runner").asText());
        }
    }

    @Test
    void everySkippedRowIsListedBeyondTheReportsPreviewCap() throws Exception {
        DistillFixtures.write(dir);
        StringBuilder manifest = new StringBuilder("id,image,caption\nm1,img/m1.png,a red thing\n");
        int bad = 1500; // more than DataReport keeps as examples
        for (int i = 0; i < bad; i++) {
            manifest.append("e").append(i).append(",img/m1.png,\n");
        }
        Path input = dir.resolve("many.csv");
        Files.writeString(input, manifest);
        Path sidecar = dir.resolve("many.soft");
        DistillReport report = SoftLabels.precompute(TeacherSpec.of(DistillFixtures.teacher(), 8), List.of(input), sidecar,
                new SoftLabelConfig(2, 1.0, 8, 1));
        assertEquals(new DistillReport(bad + 1, 1, bad, 0, Map.of("empty_caption", (long) bad), Map.of(), 5), report);
        List<String> lines = Files.readAllLines(SoftLabels.failuresFile(sidecar));
        assertEquals(bad, lines.size());
        for (int i = 0; i < bad; i++) {
            assertEquals("e" + i, JSON.readTree(lines.get(i)).get("id").asText());
        }
    }

    @Test
    void javaApiSnippetFromTheDocs() throws Exception {
        List<Path> inputs = DistillFixtures.write(dir);
        Path teacherFile = DistillFixtures.teacher();
        // docs/distill.md, "Java API"
        TeacherSpec teacher = TeacherSpec.of(teacherFile, 8);
        DistillReport report = SoftLabels.precompute(teacher, inputs, dir.resolve("labels.soft"),
                SoftLabelConfig.defaults().withTopK(3));
        try (SoftLabelFile labels = SoftLabelFile.open(dir.resolve("labels.soft"))) {
            SoftLabel label = labels.find("m1").orElseThrow();
            Provenance provenance = labels.provenance().orElseThrow();
            assertEquals(3, label.concepts().length);
            assertEquals(1.0, label.probabilities()[0] + label.probabilities()[1] + label.probabilities()[2], 1e-5);
            assertEquals(teacher.model(), provenance.config().get("teacher").get("model").asText());
        }
        assertEquals(report.read(), report.labelled() + report.skipped() + report.failed());
    }

    /** The fixture teacher, except that it throws for any batch holding the image whose first value is {@code poison}. */
    private static ConceptTeacher failingOn(ConceptTeacher real, float poison) {
        return new ConceptTeacher() {
            @Override
            public NDArray conceptLogits(NDArray images) {
                float[] values = images.toFloatArray();
                int per = values.length / (int) images.getShape().get(0);
                for (int i = 0; i < values.length; i += per) {
                    if (values[i] == poison) {
                        throw new IllegalStateException("poisoned image");
                    }
                }
                return real.conceptLogits(images);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Test
    void aTeacherErrorFailsOnlyItsRowAndABrokenTeacherStopsTheRunWithoutOutputs() throws Exception {
        List<Path> inputs = DistillFixtures.write(dir);
        Path sidecar = dir.resolve("labels.soft");
        ImagePreprocessor pre = ImagePreprocessor.evaluation(8);
        float m2 = pre.apply(ImageDecoder.decode(dir.resolve("img/m2.png")), new Random(0))[0];
        try (ConceptTeacher teacher = failingOn(EngineModelTeacher.torchScript(DistillFixtures.teacher(), Device.cpu()), m2)) {
            DistillReport report = SoftLabels.precompute(teacher, pre, inputs, sidecar, new SoftLabelConfig(3, 1.0, 4, 1));
            assertEquals(11, report.read());
            assertEquals(5, report.labelled());
            // m2 and the repeated m1 row (which has m2's image) fail alone; their batch-mates are labelled
            assertEquals(Map.of("missing_file", 1L, "unreadable_image", 1L, "teacher_error", 2L), report.failedByReason());
            try (SoftLabelFile file = SoftLabelFile.open(sidecar)) {
                assertTrue(file.find("m2").isEmpty());
                assertTrue(file.find("m1").isPresent());
                assertTrue(file.find("m3").isPresent());
            }
            assertEquals(Map.of("empty_caption", 1L, "missing_image", 1L), report.skippedByReason());
        }

        Path other = dir.resolve("other.soft");
        ConceptTeacher broken = new ConceptTeacher() {
            @Override
            public NDArray conceptLogits(NDArray images) {
                throw new IllegalStateException("expected 4 dimensions");
            }

            @Override
            public void close() {
            }
        };
        {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SoftLabels.precompute(broken, pre, inputs, other, new SoftLabelConfig(3, 1.0, 4, 1)));
            assertEquals("the teacher fails on every image of the first batch: expected 4 dimensions", e.getMessage());
        }
        assertFalse(Files.exists(other));
        assertFalse(Files.exists(SoftLabels.summaryFile(other)));
        assertFalse(Files.exists(SoftLabels.failuresFile(other)));
        try (var leftovers = Files.list(dir)) {
            assertEquals(List.of(), leftovers.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void badArgumentsAreClearErrorsBeforeTheTeacherLoads() throws Exception {
        List<Path> inputs = DistillFixtures.write(dir);
        TeacherSpec teacher = TeacherSpec.of(DistillFixtures.teacher(), 8);
        SoftLabelConfig config = SoftLabelConfig.defaults();
        assertEquals("input not found: " + dir.resolve("nope.csv"), assertThrows(UserError.class,
                () -> SoftLabels.precompute(teacher, List.of(dir.resolve("nope.csv")), dir.resolve("l.soft"), config)).getMessage());
        assertEquals("output " + dir + " is a folder; give a file name such as labels.soft",
                assertThrows(UserError.class, () -> SoftLabels.precompute(teacher, inputs, dir, config)).getMessage());
        assertEquals("teacher model file not found or unreadable: " + dir.resolve("t.onnx"), assertThrows(UserError.class,
                () -> SoftLabels.precompute(TeacherSpec.of(dir.resolve("t.onnx"), 8), inputs, dir.resolve("l.soft"), config)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeacherSpec.of(dir.resolve("t.bin"), 8))
                .getMessage().endsWith("unknown format; expected a TorchScript .pt or an .onnx file"));
    }
}
