package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dihit.core.data.Batch;
import io.dihit.train.distill.DistillationConfig.MissingLabelPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftLabelFileTest {

    @TempDir
    Path dir;

    @Test
    void precomputeKeepsRenormalisedTopKPerSample() {
        float ln2 = (float) Math.log(2);
        float ln4 = (float) Math.log(4);
        Path out = dir.resolve("labels.soft");
        try (NDManager m = NDManager.newBaseManager();
             ConceptTeacher hand = new BlockTeacher(TeacherTest.handTeacher(m))) {
            // 1 px RGB images; the hand teacher reads channels (r, g) as its (1, 1, 2) input:
            // logits = (r, g, r + g); sample a: (ln4, ln2, ln8) -> softmax ~ (4, 2, 8); sample b: (0, 0, 0)
            ConceptTeacher teacher = new ConceptTeacher() {
                @Override
                public NDArray conceptLogits(NDArray images) {
                    long n = images.getShape().get(0);
                    return hand.conceptLogits(images.get(":, 0:2, :, :").reshape(n, 1, 1, 2));
                }

                @Override
                public void close() {}
            };
            Batch first = Batch.imagesOnly(List.of("a"), new float[] {ln4, ln2, 7}, 1);
            Batch second = Batch.imagesOnly(List.of("b/é"), new float[] {0, 0, 7}, 1);
            SoftLabelPrecompute.Report report = SoftLabelPrecompute.run(teacher, List.of(first, second).iterator(), m,
                    new SoftLabelPrecompute.Config(2, 1.0), out);
            assertEquals(2, report.samples());
            assertEquals(3, report.numConcepts());
            // T = 2 on the same teacher: softmax ~ (2, sqrt 2, 2 sqrt 2): top-2 = concepts 2, 0 with 2.828/4.828, 2/4.828
            SoftLabelPrecompute.run(teacher, List.of(first).iterator(), m, new SoftLabelPrecompute.Config(2, 2.0),
                    dir.resolve("t2.soft"));
        }
        try (SoftLabelFile file = SoftLabelFile.open(out)) {
            assertEquals(2, file.size());
            assertEquals(2, file.topK());
            assertEquals(3, file.numConcepts());
            SoftLabel a = file.find("a").orElseThrow();
            assertArrayEquals(new int[] {2, 0}, a.concepts()); // 8/12 and 4/12 renormalised over the kept two
            assertArrayEquals(new float[] {2f / 3, 1f / 3}, a.probabilities(), 1e-6f);
            SoftLabel b = file.find("b/é").orElseThrow();
            assertArrayEquals(new int[] {0, 1}, b.concepts()); // a three-way tie keeps the lowest indices
            assertArrayEquals(new float[] {0.5f, 0.5f}, b.probabilities(), 1e-6f);
            assertTrue(file.find("c").isEmpty());
        }
        try (SoftLabelFile file = SoftLabelFile.open(dir.resolve("t2.soft"))) {
            double s2 = Math.sqrt(2);
            assertEquals(2.0f, file.temperature());
            assertArrayEquals(new float[] {(float) (2 * s2 / (2 * s2 + 2)), (float) (2 / (2 * s2 + 2))},
                    file.find("a").orElseThrow().probabilities(), 1e-6f);
        }
    }

    @Test
    void denseTargetsFailOrSkipMissingIds() {
        Path out = dir.resolve("labels.soft");
        try (SoftLabelWriter writer = new SoftLabelWriter(out, 4, 2, 1f)) {
            writer.add("x", new SoftLabel(new int[] {3, 1}, new float[] {0.75f, 0.25f}));
            writer.add("y", new SoftLabel(new int[] {0}, new float[] {1f}));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.add("x", new SoftLabel(new int[] {0}, new float[] {1f})));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.add("z", new SoftLabel(new int[] {4}, new float[] {1f})));
            assertEquals(2, writer.commit());
        }
        try (SoftLabelFile file = SoftLabelFile.open(out)) {
            assertArrayEquals(new int[] {0}, file.find("y").orElseThrow().concepts());
            SoftTargets targets = file.denseTargets(List.of("y", "missing", "x"), MissingLabelPolicy.SKIP);
            assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0.25f, 0, 0.75f}, targets.probabilities());
            assertArrayEquals(new float[] {1, 0, 1}, targets.rowMask());
            assertEquals(1, targets.missing());
            MissingSoftLabelException e = assertThrows(MissingSoftLabelException.class,
                    () -> file.denseTargets(List.of("x", "missing"), MissingLabelPolicy.FAIL));
            assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
        }
    }

    @Test
    void manyIdsRoundTripAndCorruptFilesAreRejected() throws IOException {
        Path out = dir.resolve("many.soft");
        int n = 5000;
        try (SoftLabelWriter writer = new SoftLabelWriter(out, 100, 3, 1f)) {
            for (int i = 0; i < n; i++) {
                writer.add("sample-" + i, new SoftLabel(new int[] {i % 100, (i + 1) % 100}, new float[] {0.6f, 0.4f}));
            }
            writer.commit();
        }
        try (SoftLabelFile file = SoftLabelFile.open(out)) {
            for (int i = 0; i < n; i += 7) {
                assertArrayEquals(new int[] {i % 100, (i + 1) % 100}, file.find("sample-" + i).orElseThrow().concepts());
            }
            assertTrue(file.find("sample-" + n).isEmpty());
        }
        byte[] bytes = Files.readAllBytes(out);
        Path truncated = dir.resolve("truncated.soft");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 100));
        assertThrows(IllegalArgumentException.class, () -> SoftLabelFile.open(truncated));
        Path garbage = dir.resolve("garbage.soft");
        Files.writeString(garbage, "not a soft label file at all, just some text that is long enough for a header");
        assertThrows(IllegalArgumentException.class, () -> SoftLabelFile.open(garbage));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "temporary files are cleaned up");
        }
    }
}
