package io.dihit.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dihit.train.data.ImageBatch;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a frozen teacher once over a dataset and writes each sample's top-k probabilities
 * (softmax of logits / temperature, renormalised over the kept concepts) to a sidecar file.
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

    private SoftLabelPrecompute() {}

    public static Report run(ConceptTeacher teacher, Iterator<ImageBatch> batches, NDManager manager,
                             Config config, Path output) {
        long samples = 0;
        long batchCount = 0;
        int numConcepts = 0;
        SoftLabelWriter writer = null;
        try {
            while (batches.hasNext()) {
                ImageBatch batch = batches.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray logits = teacher.conceptLogits(batch.toNDArray(scope));
                    int concepts = Math.toIntExact(logits.getShape().get(1));
                    if (writer == null) {
                        numConcepts = concepts;
                        writer = new SoftLabelWriter(output, concepts, config.topK(), (float) config.temperature());
                    } else if (concepts != numConcepts) {
                        throw new IllegalStateException("teacher changed its number of concepts mid-run");
                    }
                    float[] probabilities = logits.div(config.temperature()).softmax(1).toFloatArray();
                    for (int row = 0; row < batch.size(); row++) {
                        float[] rowProbs = java.util.Arrays.copyOfRange(probabilities, row * concepts, (row + 1) * concepts);
                        writer.add(batch.ids().get(row), SoftLabel.topK(rowProbs, config.topK()));
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
