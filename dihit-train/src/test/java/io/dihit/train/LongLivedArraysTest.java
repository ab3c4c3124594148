package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.train.config.TrainConfig;
import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchSource;
import io.dihit.core.data.LoaderState;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabel;
import io.dihit.train.distill.SoftLabelFile;
import io.dihit.train.distill.SoftLabelWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native-memory leak guard: the number of arrays owned by the long-lived base manager (model
 * parameters, optimizer moments, replicas, concept head and anything wrongly attached to them)
 * must not change from one step to the next. Every array a step creates has to die with the
 * step's scoped manager; one array left behind per step (as exp(logit scale) once was) fails here.
 */
class LongLivedArraysTest {

    private static final int STEPS = 20;

    @TempDir
    Path dir;

    /** Counts the base manager's arrays each time the loop asks for a batch, i.e. after every finished step. */
    private static final class CountingSource implements BatchSource {
        private final BatchSource inner;
        private final NDManager base;
        final List<Integer> countsAfterStep = new ArrayList<>();

        CountingSource(BatchSource inner, NDManager base) {
            this.inner = inner;
            this.base = base;
        }

        @Override
        public Batches open(LoaderState from) {
            Batches batches = inner.open(from);
            return new Batches() {
                @Override
                public boolean hasNext() {
                    return batches.hasNext();
                }

                @Override
                public Batch next() {
                    countsAfterStep.add(base.getManagedArrays().size());
                    return batches.next();
                }
            };
        }
    }

    /** Trains STEPS steps and returns the base manager's array count before each step's batch (index = steps done). */
    private List<Integer> countsPerStep(String extraJson, int replicas, BatchSource data, SoftLabelFile labels,
                                        Function<NDManager, ImageTextEncoder> encoderFactory) {
        TrainConfig config = LoopFixtures.config(dir.resolve("run-" + dir.toFile().list().length), STEPS, extraJson);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageTextEncoder encoder = encoderFactory.apply(manager);
            CountingSource counting = new CountingSource(data, manager);
            try (TrainingLoop loop = new TrainingLoop(config, encoder, manager,
                    Collections.nCopies(replicas, Device.cpu()), labels, TrainingListener.defaults(config))) {
                loop.run(counting);
            }
            return counting.countsAfterStep;
        }
    }

    /** From the second step on (the optimizer creates its moments in the first) the count is constant. */
    private static void assertNoGrowth(List<Integer> counts) {
        assertEquals(STEPS, counts.size());
        assertTrue(counts.get(1) > counts.get(0), "AdamW's moments appear after the first step: " + counts);
        for (int step = 2; step < STEPS; step++) {
            assertEquals(counts.get(1), counts.get(step), "arrays in long-lived managers after step " + step
                    + " (counts per step: " + counts + ")");
        }
    }

    @Test
    void hnNceStepsWithCheckpointsLeaveNoArraysBehind() {
        assertNoGrowth(countsPerStep("", 1, LoopFixtures.data(), null,
                m -> TinyDualEncoder.create(m, 1, Math.log(1 / 0.07))));
    }

    @Test
    void gradientCachingReplicasAndDistillationLeaveNoArraysBehind() throws IOException {
        SyntheticBatches data = new SyntheticBatches(9, LoopFixtures.BATCH, 4, 6, 20, 1_000);
        Path file = dir.resolve("teacher.soft");
        try (SoftLabelWriter writer = new SoftLabelWriter(file, 6, 3, 1f)) {
            for (int b = 0; b < STEPS; b++) {
                for (String id : data.batch(b).ids()) {
                    int c = id.hashCode() & 3;
                    writer.add(id, new SoftLabel(new int[] {c, c + 1, c + 2}, new float[] {0.5f, 0.3f, 0.2f}));
                }
            }
            writer.commit();
        }
        String extra = ", \"grad_cache_chunk\": 3, \"distillation\": {\"soft_labels\": \"%s\"}"
                .formatted(file.toString().replace("\\", "\\\\"));
        try (SoftLabelFile labels = SoftLabelFile.open(file)) {
            assertNoGrowth(countsPerStep(extra, 2, data, labels, m -> TinyDualEncoder.create(m, 1, Math.log(1 / 0.07))));
        }
    }

    @Test
    void clipModelStepsLeaveNoArraysBehind() {
        ClipConfig tiny = ClipConfig.named("tiny_fixture");
        SyntheticBatches data = new SyntheticBatches(3, LoopFixtures.BATCH, tiny.vision().imageSize(),
                tiny.text().contextLength(), tiny.text().vocabSize(), STEPS);
        assertNoGrowth(countsPerStep("", 1, data, null, m -> {
            m.getEngine().setRandomSeed(0);
            ClipModel model = new ClipModel(tiny);
            model.initializeParameters(m);
            return new ClipModelEncoder(model);
        }));
    }
}
