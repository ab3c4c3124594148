package io.dihit.filter.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a local filter run.
 *
 * @param inputs          CSV / JSON-lines manifests and webdataset tar shards (.tar), read in this order
 * @param outputDir       receives kept.&lt;fmt&gt;, rejected.&lt;fmt&gt;, failed.jsonl, summary.json, checkpoint.json
 * @param outputFormat    "jsonl" or "csv" for the kept and rejected manifests
 * @param threads         scoring threads, >= 1
 * @param maxInFlight     rows read but not yet written (bounds memory), >= threads
 * @param checkpointEvery rows between checkpoints (a checkpoint is also taken every 10 s), >= 1
 * @param progress        print a progress line to stderr
 * @param duplicateIds    what to do with a row whose id an earlier row had
 */
public record FilterJobConfig(List<Path> inputs, Path outputDir, String outputFormat, int threads, int maxInFlight,
                              int checkpointEvery, boolean progress, DuplicateIds duplicateIds) {
    public FilterJobConfig {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(duplicateIds, "duplicateIds");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input manifest is needed");
        }
        if (!outputFormat.equals("jsonl") && !outputFormat.equals("csv")) {
            throw new IllegalArgumentException("outputFormat must be jsonl or csv, got " + outputFormat);
        }
        if (threads < 1 || maxInFlight < threads || checkpointEvery < 1) {
            throw new IllegalArgumentException("need threads >= 1, maxInFlight >= threads, checkpointEvery >= 1; got "
                    + threads + ", " + maxInFlight + ", " + checkpointEvery);
        }
    }

    /**
     * Defaults: JSON lines, 64 rows in flight per thread, checkpoint every 10,000 rows, no progress
     * line, later rows with a seen id fail ({@link DuplicateIds#KEEP_FIRST}).
     */
    public static FilterJobConfig of(List<Path> inputs, Path outputDir, int threads) {
        return new FilterJobConfig(inputs, outputDir, "jsonl", threads, threads * 64, 10_000, false, DuplicateIds.KEEP_FIRST);
    }

    public FilterJobConfig withDuplicateIds(DuplicateIds policy) {
        return new FilterJobConfig(inputs, outputDir, outputFormat, threads, maxInFlight, checkpointEvery, progress, policy);
    }

    public FilterJobConfig withCheckpointEvery(int rows) {
        return new FilterJobConfig(inputs, outputDir, outputFormat, threads, maxInFlight, rows, progress, duplicateIds);
    }

    public FilterJobConfig withProgress(boolean on) {
        return new FilterJobConfig(inputs, outputDir, outputFormat, threads, maxInFlight, checkpointEvery, on, duplicateIds);
    }

    public FilterJobConfig withOutputFormat(String format) {
        return new FilterJobConfig(inputs, outputDir, format, threads, maxInFlight, checkpointEvery, progress, duplicateIds);
    }
}
