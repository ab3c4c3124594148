package io.dihit.train.distill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dihit.core.io.Provenance;
import io.dihit.core.util.ProgressBar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a precompute: the sidecar (labelled rows), {@code <sidecar>.failures.jsonl} (every
 * skipped or failed row by id) and {@code <sidecar>.json} (provenance and counts). Everything is
 * written to temporary files and renamed into place by {@link #commit}, the summary last; an earlier
 * summary is removed up front, so an interrupted run leaves no summary and cannot pass for complete.
 */
final class SoftLabelOutputs implements SoftLabelSink, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path sidecar;
    private final int topK;
    private final float temperature;
    private final ProgressBar progress;
    private final Path failuresTemp;
    private final BufferedWriter failures;
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final Map<String, Long> failedByReason = new TreeMap<>();
    private SoftLabelWriter writer;
    private long labelled;
    private long skipped;
    private long failed;
    private boolean finished;

    /** @param progress advanced once per row, or null */
    public SoftLabelOutputs(Path sidecar, int topK, double temperature, ProgressBar progress) {
        this.sidecar = sidecar.toAbsolutePath();
        this.topK = topK;
        this.temperature = (float) temperature;
        this.progress = progress;
        try {
            Files.createDirectories(this.sidecar.getParent());
            Files.deleteIfExists(SoftLabels.summaryFile(this.sidecar)); // no summary until this run completes
            this.failuresTemp = Files.createTempFile(this.sidecar.getParent(), this.sidecar.getFileName() + ".", ".failures.tmp");
            this.failures = Files.newBufferedWriter(failuresTemp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create outputs next to " + sidecar, e);
        }
    }

    @Override
    public void labelled(String source, long where, String id, SoftLabel label, int numConcepts) {
        if (writer == null) {
            writer = new SoftLabelWriter(sidecar, numConcepts, topK, temperature);
        }
        if (id.isEmpty()) {
            unlabelled(new UnlabelledRow(UnlabelledRow.Status.FAILED, source, where, id, "empty_id", "the row has no id"));
        } else if (writer.contains(id)) {
            unlabelled(new UnlabelledRow(UnlabelledRow.Status.FAILED, source, where, id, "duplicate_id",
                    "an earlier row has the same id; the first one's label is kept"));
        } else if (numConcepts != writer.numConcepts()) {
            unlabelled(new UnlabelledRow(UnlabelledRow.Status.FAILED, source, where, id, "teacher_output",
                    "teacher returned " + numConcepts + " concepts, earlier rows had " + writer.numConcepts()));
        } else {
            writer.add(id, label);
            labelled++;
            step();
        }
    }

    @Override
    public void unlabelled(UnlabelledRow row) {
        if (row.status() == UnlabelledRow.Status.SKIPPED) {
            skipped++;
            skippedByReason.merge(row.reason(), 1L, Long::sum);
        } else {
            failed++;
            failedByReason.merge(row.reason(), 1L, Long::sum);
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("status", row.status().name().toLowerCase(java.util.Locale.ROOT)).put("source", row.source())
                .put("where", row.where()).put("id", row.id()).put("reason", row.reason()).put("detail", row.detail());
        try {
            failures.write(JSON.writeValueAsString(line));
            failures.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + failuresTemp, e);
        }
        step();
    }

    private void step() {
        if (progress != null) {
            progress.step();
            progress.detail("labelled " + labelled + ", skipped " + skipped + ", failed " + failed);
        }
    }

    public DistillReport report() {
        return new DistillReport(labelled + skipped + failed, labelled, skipped, failed, skippedByReason, failedByReason,
                writer == null ? 0 : writer.numConcepts());
    }

    /**
     * Publishes the failures file, the sidecar and the summary (in that order).
     *
     * @param provenance where the labels came from, written into the summary
     * @throws IllegalArgumentException when no row could be labelled (the failures file and the summary say why)
     */
    public DistillReport commit(Provenance provenance) {
        if (finished) {
            throw new IllegalStateException("outputs already committed or closed");
        }
        finished = true;
        DistillReport report = report();
        try {
            failures.close();
            Files.move(failuresTemp, SoftLabels.failuresFile(sidecar), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            if (writer != null) {
                writer.commit();
            } else {
                Files.deleteIfExists(sidecar); // an earlier run's labels must not pass for this run's
            }
            ObjectNode summary = JSON.createObjectNode();
            summary.set(Provenance.jsonField(), provenance.toJsonNode());
            summary.put("sidecar", sidecar.getFileName().toString());
            summary.put("failures", SoftLabels.failuresFile(sidecar).getFileName().toString());
            summary.put("top_k", writer == null ? topK : writer.topK());
            summary.put("temperature", temperature);
            summary.set("counts", JSON.valueToTree(report));
            Path summaryFile = SoftLabels.summaryFile(sidecar);
            Path temp = Files.createTempFile(sidecar.getParent(), summaryFile.getFileName() + ".", ".tmp");
            Files.writeString(temp, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
            Files.move(temp, summaryFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs of " + sidecar, e);
        } finally {
            close();
        }
        if (writer == null) {
            throw new IllegalArgumentException("no row could be labelled (" + report + "); see "
                    + SoftLabels.failuresFile(sidecar));
        }
        return report;
    }

    @Override
    public void close() {
        finished = true;
        try {
            failures.close();
            Files.deleteIfExists(failuresTemp);
        } catch (IOException e) {
            // a leftover *.tmp file is harmless and recognisable
        }
        if (writer != null) {
            writer.close();
        }
    }
}
