package io.dihit.train.distill;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The accounting of a soft-label precompute: every row read is labelled, skipped by the reader or
 * failed, so {@code labelled + skipped + failed == read}; the reasons are counted, and each unlabelled
 * row is listed by id in the failures file. Stored under {@code "counts"} in the summary file
 * ({@link SoftLabels#summaryFile}).
 */
public record DistillReport(
        @JsonProperty("read") long read,
        @JsonProperty("labelled") long labelled,
        @JsonProperty("skipped") long skipped,
        @JsonProperty("failed") long failed,
        @JsonProperty("skipped_by_reason") Map<String, Long> skippedByReason,
        @JsonProperty("failed_by_reason") Map<String, Long> failedByReason,
        @JsonProperty("num_concepts") int numConcepts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public DistillReport {
        skippedByReason = Map.copyOf(skippedByReason);
        failedByReason = Map.copyOf(failedByReason);
        if (labelled + skipped + failed != read) {
            throw new IllegalStateException("rows unaccounted for: labelled " + labelled + " + skipped " + skipped
                    + " + failed " + failed + " != read " + read);
        }
    }

    /** The report in a sidecar's summary file. */
    public static DistillReport read(Path sidecar) throws IOException {
        JsonNode counts = JSON.readTree(SoftLabels.summaryFile(sidecar).toFile()).get("counts");
        if (counts == null) {
            throw new IOException(SoftLabels.summaryFile(sidecar) + " has no \"counts\"");
        }
        return JSON.treeToValue(counts, DistillReport.class);
    }

    @Override
    public String toString() {
        return "read " + read + ", labelled " + labelled + ", skipped " + skipped + " " + skippedByReason
                + ", failed " + failed + " " + failedByReason;
    }
}
