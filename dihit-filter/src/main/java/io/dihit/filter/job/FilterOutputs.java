package io.dihit.filter.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.data.ManifestWriter;
import io.dihit.core.data.Manifests;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row outputs of a filter job, written in the order rows are given: the kept and rejected
 * manifests (the inputs' extra columns, then the score columns; rejected rows add the reason) and
 * {@code failed.jsonl} (input, position, id, reason, error of each failed row). The one writer of
 * the local and the Spark job, so both produce the same files.
 */
final class FilterOutputs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FilterJobConfig config;
    private final ManifestWriter kept;
    private final ManifestWriter rejected;
    private final BufferedWriter failed;
    private final Map<String, String> outputNames = new LinkedHashMap<>();

    /**
     * @param extraColumns the inputs' extra columns (union in input order), passed through before the score columns
     * @param append       continue files cut back to a checkpoint instead of starting them afresh
     */
    public FilterOutputs(FilterJobConfig config, List<String> extraColumns, boolean append) throws IOException {
        this.config = config;
        for (String name : extraColumns) {
            // An input column named like a score column keeps its value under input_<name>.
            outputNames.put(name, RowOutcome.REJECTED_COLUMNS.contains(name) ? "input_" + name : name);
        }
        List<String> keptColumns = new ArrayList<>(outputNames.values());
        keptColumns.addAll(RowOutcome.SCORE_COLUMNS);
        List<String> rejectedColumns = new ArrayList<>(outputNames.values());
        rejectedColumns.addAll(RowOutcome.REJECTED_COLUMNS);
        kept = append ? Manifests.append(keptFile(config), keptColumns) : Manifests.write(keptFile(config), keptColumns);
        rejected = append ? Manifests.append(rejectedFile(config), rejectedColumns) : Manifests.write(rejectedFile(config), rejectedColumns);
        failed = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(failedFile(config), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING),
                StandardCharsets.UTF_8));
    }

    public static Path keptFile(FilterJobConfig config) {
        return config.outputDir().resolve("kept." + config.outputFormat());
    }

    public static Path rejectedFile(FilterJobConfig config) {
        return config.outputDir().resolve("rejected." + config.outputFormat());
    }

    public static Path failedFile(FilterJobConfig config) {
        return config.outputDir().resolve("failed.jsonl");
    }

    /** The three row files, in the order their lengths are checkpointed. */
    static List<Path> files(FilterJobConfig config) {
        return List.of(keptFile(config), rejectedFile(config), failedFile(config));
    }

    public void write(RowOutcome outcome) throws IOException {
        if (outcome instanceof RowOutcome.Scored s) {
            Map<String, Object> values = new LinkedHashMap<>();
            s.row().extra().forEach((k, v) -> values.put(outputNames.get(k), v));
            values.putAll(s.columns());
            (s.kept() ? kept : rejected).write(s.row().record(), values);
        } else {
            SourceFailure f = ((RowOutcome.Failed) outcome).failure();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("input", config.inputs().get(f.input()).toString());
            row.put("position", f.position());
            row.put("id", f.id());
            row.put("reason", f.reason());
            row.put("error", f.detail());
            failed.write(JSON.writeValueAsString(row));
            failed.write('\n');
        }
    }

    /** Pushes everything written so far to the files, so their lengths can be checkpointed. */
    public void flush() throws IOException {
        kept.flush();
        rejected.flush();
        failed.flush();
    }

    @Override
    public void close() throws IOException {
        try (kept; rejected; failed) {
            // closes all three even if one throws
        }
    }
}
