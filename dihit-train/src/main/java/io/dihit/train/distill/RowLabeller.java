package io.dihit.train.distill;

import ai.djl.ndarray.NDManager;
import io.dihit.core.data.ImageStore;
import io.dihit.core.image.ImageDecodeException;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.util.ParallelMap;
import io.dihit.core.data.Batch;
import io.dihit.train.distill.DistillInputs.PendingRow;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The per-row work of a precompute, shared by the local and the Spark job: rows are batched, their
 * images read, decoded and preprocessed on a few threads, the teacher runs once per batch, and every
 * row ends in the sink, labelled or unlabelled (with a reason), in input order.
 *
 * <p>When a teacher call fails, the batch's rows are retried one by one so that one bad row fails
 * alone ({@code teacher_error}). When no row of the run has been labelled yet and every row of the
 * batch fails alone, the teacher itself is broken (wrong input size, bad export) and the run stops
 * with that error instead of failing every row.
 */
final class RowLabeller implements AutoCloseable {

    private final ConceptTeacher teacher;
    private final ImagePreprocessor preprocessor;
    private final SoftLabelConfig config;
    private final SoftLabelSink sink;
    private final NDManager manager = NDManager.newBaseManager();
    private final ImageStore store = new ImageStore();
    private final List<PendingRow> pending = new ArrayList<>();
    private int numConcepts = -1;

    /** A row after reading and preprocessing: pixels, or why there are none. */
    private record Prepared(PendingRow row, float[] pixels, UnlabelledRow failure) {}

    RowLabeller(ConceptTeacher teacher, ImagePreprocessor preprocessor, SoftLabelConfig config, SoftLabelSink sink) {
        this.teacher = teacher;
        this.preprocessor = preprocessor;
        this.config = config;
        this.sink = sink;
    }

    void add(PendingRow row) {
        pending.add(row);
        if (pending.size() >= config.batchSize()) {
            flush();
        }
    }

    void unlabelled(UnlabelledRow row) {
        sink.unlabelled(row);
    }

    /** Labels the rows waiting in the current batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<PendingRow> rows = List.copyOf(pending);
        pending.clear();
        List<Prepared> prepared = ParallelMap.map(rows, config.threads(), "dihit-distill-decode", this::prepare);
        List<Prepared> ready = prepared.stream().filter(p -> p.failure() == null).toList();
        List<Object> outcomes = label(ready);
        int next = 0;
        for (Prepared p : prepared) {
            Object outcome = p.failure() != null ? p.failure() : outcomes.get(next++);
            if (outcome instanceof SoftLabel label) {
                sink.labelled(p.row().source(), p.row().where(), p.row().id(), label, numConcepts);
            } else {
                sink.unlabelled((UnlabelledRow) outcome);
            }
        }
    }

    private Prepared prepare(PendingRow row) {
        try {
            byte[] bytes = DistillInputs.image(row, store);
            return new Prepared(row, preprocessor.apply(ImageDecoder.decode(bytes), new Random(0)), null);
        } catch (NoSuchFileException e) {
            return new Prepared(row, null, failure(row, "missing_file", "image not found: " + e.getMessage()));
        } catch (ImageDecodeException e) {
            return new Prepared(row, null, failure(row, "unreadable_image", e.getMessage()));
        } catch (IOException e) {
            return new Prepared(row, null, failure(row, "io_error", String.valueOf(e)));
        } catch (RuntimeException e) { // decoders throw unchecked exceptions on some corrupt files
            return new Prepared(row, null, failure(row, "unreadable_image", String.valueOf(e)));
        }
    }

    /** One outcome (SoftLabel or UnlabelledRow) per ready row, in order. */
    private List<Object> label(List<Prepared> ready) {
        if (ready.isEmpty()) {
            return List.of();
        }
        try {
            return runTeacher(ready);
        } catch (RuntimeException batchError) {
            List<Object> outcomes = new ArrayList<>(ready.size());
            boolean anyLabelled = false;
            for (Prepared p : ready) {
                try {
                    Object outcome = runTeacher(List.of(p)).get(0);
                    anyLabelled |= outcome instanceof SoftLabel;
                    outcomes.add(outcome);
                } catch (RuntimeException rowError) {
                    outcomes.add(failure(p.row(), "teacher_error", String.valueOf(rowError)));
                }
            }
            if (!anyLabelled && numConcepts < 0) {
                throw new IllegalStateException("the teacher fails on every image of the first batch: " + batchError.getMessage(),
                        batchError);
            }
            return outcomes;
        }
    }

    private List<Object> runTeacher(List<Prepared> ready) {
        int size = preprocessor.size();
        float[] pixels = new float[ready.size() * preprocessor.floatsPerImage()];
        List<String> ids = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            System.arraycopy(ready.get(i).pixels(), 0, pixels, i * preprocessor.floatsPerImage(), preprocessor.floatsPerImage());
            ids.add(ready.get(i).row().id());
        }
        SoftLabelPrecompute.Probabilities probabilities;
        try (NDManager scope = manager.newSubManager()) {
            probabilities = SoftLabelPrecompute.probabilities(teacher,
                    Batch.imagesOnly(ids, pixels, size).images(scope), config.temperature());
        }
        List<Object> outcomes = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            PendingRow row = ready.get(i).row();
            if (numConcepts >= 0 && probabilities.numConcepts() != numConcepts) {
                outcomes.add(failure(row, "teacher_output", "teacher returned " + probabilities.numConcepts()
                        + " concepts, earlier rows had " + numConcepts));
                continue;
            }
            try {
                outcomes.add(probabilities.label(i, config.topK()));
                numConcepts = probabilities.numConcepts();
            } catch (IllegalArgumentException e) {
                outcomes.add(failure(row, "teacher_output", e.getMessage()));
            }
        }
        return outcomes;
    }

    private static UnlabelledRow failure(PendingRow row, String reason, String detail) {
        return new UnlabelledRow(UnlabelledRow.Status.FAILED, row.source(), row.where(), row.id(), reason, detail);
    }

    @Override
    public void close() {
        manager.close();
    }
}
