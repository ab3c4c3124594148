package io.dihit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dihit.core.data.BatchLoader;
import io.dihit.core.data.DataReport;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.Skip;
import io.dihit.core.data.SkipReason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Accounts for the data of one training invocation. Every row or sample skipped while the manifests or
 * shards are read ({@link #sourceSkips()}) and every sample the loader skips is streamed, as it happens
 * and without any cap, to {@code <run_dir>/skipped.jsonl} (one {"source", "position", "id", "reason",
 * "detail"} object per line: source is the manifest or shard file name and position its line or sample
 * ordinal, or source "loader" and the epoch position; appended to on resume); when the invocation ends,
 * normally or with an error, {@code <run_dir>/data_summary.json} gives the source rows skipped by reason,
 * samples read, kept, skipped by reason, dropped as an epoch's incomplete last batch, and used by the
 * optimizer updates. Counts cover what this invocation read: every invocation reads the manifests or
 * shards again (and lists their bad rows again), a resumed run starts at its checkpoint's data position,
 * and samples read after the last checkpoint of an interrupted run are read (and, if bad, listed) again.
 */
final class DataSummary implements TrainingListener, AutoCloseable {

    static final String SUMMARY_FILE = "data_summary.json";
    static final String SKIPPED_FILE = "skipped.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;
    private ImageTextDataset dataset;
    private BatchLoader loader;
    private BufferedWriter skipped;
    private TrainingState start;
    private TrainingState last;

    /** Opened before the data, so that the readers' skips can be listed ({@link #sourceSkips()}). */
    DataSummary(Path runDir) {
        this.runDir = runDir;
    }

    /** Lists every skip of reading the manifests or shards (pass to ImageTextDataset.fromManifests / fromShards). */
    Consumer<Skip> sourceSkips() {
        return this::write;
    }

    /**
     * The dataset and loader the summary reports on, once opened; both null when batches come from
     * elsewhere (then only the batches are counted).
     */
    void attach(ImageTextDataset dataset, BatchLoader loader) throws IOException {
        this.dataset = dataset;
        this.loader = loader;
        if (loader != null) {
            open(); // an empty list is a statement too: nothing was skipped
            loader.report().addSkipListener(this::write);
        }
    }

    private synchronized void open() throws IOException {
        if (skipped == null) {
            skipped = Files.newBufferedWriter(runDir.resolve(SKIPPED_FILE), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private synchronized void write(Skip skip) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("source", skip.source());
        line.put("position", skip.where());
        line.put("id", skip.id());
        line.put("reason", skip.reason().name());
        line.put("detail", skip.detail());
        try {
            open();
            skipped.write(JSON.writeValueAsString(line));
            skipped.newLine();
            skipped.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(SKIPPED_FILE), e);
        }
    }

    @Override
    public void onTrainingBegin(TrainingRun run) {
        start = run.startState();
        last = start;
    }

    @Override
    public void onStep(TrainingRun run, StepResult step) {
        last = step.state();
    }

    @Override
    public void onTrainingEnd(TrainingRun run, TrainingState end, RunEnding ending) {
        last = end;
    }

    /** Writes data_summary.json (also after an error) and closes skipped.jsonl. */
    @Override
    public void close() throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (dataset != null) {
            summary.put("dataset_samples", dataset.size());
            long sourceSkips = 0;
            Map<String, Long> byReason = new TreeMap<>();
            for (DataReport r : dataset.sourceReports()) {
                sourceSkips += r.skippedCount();
                r.skippedByReason().forEach((reason, n) -> byReason.merge(reason.name(), n, Long::sum));
            }
            summary.put("source_rows_skipped", sourceSkips);
            summary.put("source_rows_skipped_by_reason", byReason);
            summary.put("skipped_list", SKIPPED_FILE);
        }
        if (loader != null) {
            DataReport report = loader.report();
            summary.put("read", report.read());
            summary.put("kept", report.keptCount());
            summary.put("skipped", report.skippedCount());
            Map<String, Long> byReason = new TreeMap<>();
            for (Map.Entry<SkipReason, Long> e : report.skippedByReason().entrySet()) {
                byReason.put(e.getKey().name(), e.getValue());
            }
            summary.put("skipped_by_reason", byReason);
            summary.put("skipped_list", SKIPPED_FILE);
            summary.put("dropped_incomplete_batch", loader.droppedIncomplete());
        }
        if (start != null) {
            summary.put("start_step", start.step());
            summary.put("end_step", last.step());
            summary.put("batches_used", last.step() - start.step());
            summary.put("samples_used", last.samplesSeen() - start.samplesSeen());
            summary.put("batches_skipped_non_finite", last.skippedSteps() - start.skippedSteps());
        }
        try {
            JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(runDir.resolve(SUMMARY_FILE).toFile(), summary);
        } finally {
            synchronized (this) {
                if (skipped != null) {
                    skipped.close();
                }
            }
        }
    }
}
