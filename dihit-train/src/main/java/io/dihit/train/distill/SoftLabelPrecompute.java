package io.dihit.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dihit.core.data.Batch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a frozen teacher once over batches of already preprocessed images (for example the demo's
 * in-memory emoji) and writes each sample's top-k probabilities (softmax of logits / temperature,
 * renormalised over the kept concepts) to a sidecar file. For manifests and tar shards, with
 * accounting of every row, use {@link SoftLabels#precompute}.
 */
public final class SoftLabelPrecompute {

    private static final Logger LOG = LoggerFactory.getLogger(SoftLabelPrecompute.class);

    /** topK concepts kept per sample; temperature divides the teacher's logits before the softmax. */
    public record Config(int topK, double temperature) {
        public Config {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("teacher temperature must be finite and > 0, got " + temperature);
            }
        }
    }

    public record Report(long samples, long batches, int numConcepts) {}

    /** A batch's teacher probabilities, (rows, numConcepts) row-major. */
    public record Probabilities(int numConcepts, float[] values) {

        public int rows() {
            return values.length / numConcepts;
        }

        /**
         * Row {@code row}'s top-k soft label.
         *
         * @throws IllegalArgumentException when the row is not a finite distribution
         */
        public SoftLabel label(int row, int topK) {
            return SoftLabel.topK(Arrays.copyOfRange(values, row * numConcepts, (row + 1) * numConcepts), topK);
        }
    }

    private SoftLabelPrecompute() {}

    /**
     * The teacher's probabilities for preprocessed images (N, 3, H, W): softmax of logits / temperature
     * per row. The one place where teacher logits become probabilities.
     */
    public static Probabilities probabilities(ConceptTeacher teacher, NDArray images, double temperature) {
        NDArray logits = teacher.conceptLogits(images);
        int concepts = Math.toIntExact(logits.getShape().get(1));
        return new Probabilities(concepts, logits.div(temperature).softmax(1).toFloatArray());
    }

    public static Report run(ConceptTeacher teacher, Iterator<Batch> batches, NDManager manager,
                             Config config, Path output) {
        long samples = 0;
        long batchCount = 0;
        int numConcepts = 0;
        SoftLabelWriter writer = null;
        try {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (NDManager scope = manager.newSubManager()) {
                    Probabilities p = probabilities(teacher, batch.images(scope), config.temperature());
                    if (writer == null) {
                        numConcepts = p.numConcepts();
                        writer = new SoftLabelWriter(output, numConcepts, config.topK(), (float) config.temperature());
                    } else if (p.numConcepts() != numConcepts) {
                        throw new IllegalStateException("teacher changed its number of concepts mid-run");
                    }
                    for (int row = 0; row < batch.size(); row++) {
                        writer.add(batch.ids().get(row), p.label(row, config.topK()));
                    }
                }
                samples += batch.size();
                batchCount++;
            }
            if (writer == null) {
                throw new IllegalArgumentException("no images to run the teacher on");
            }
            writer.commit();
            LOG.info("teacher soft labels: {} samples in {} batches -> {}", samples, batchCount, output);
            return new Report(samples, batchCount, numConcepts);
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
