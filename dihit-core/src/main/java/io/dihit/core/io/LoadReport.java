package io.dihit.core.io;

import java.util.List;

/**
 * What a checkpoint load did, by state-dict key.
 *
 * @param source the file
 * @param loaded keys copied into the model
 * @param missing model parameters the checkpoint lacks (they keep their current values)
 * @param unexpected checkpoint tensors no parameter takes
 * @param mismatched keys present on both sides with different shapes, as {@code key: checkpoint [..] vs model [..]}
 * @param ignored known non-parameter entries (e.g. OpenAI's {@code input_resolution}) that were skipped
 */
public record LoadReport(
        String source,
        List<String> loaded,
        List<String> missing,
        List<String> unexpected,
        List<String> mismatched,
        List<String> ignored) {

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
        ignored = List.copyOf(ignored);
    }

    /** True when every parameter was loaded and nothing was left over. */
    public boolean isExact() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    public String summary() {
        StringBuilder sb = new StringBuilder(source).append(": loaded ").append(loaded.size()).append(" tensors");
        append(sb, "missing", missing);
        append(sb, "unexpected", unexpected);
        append(sb, "mis-shaped", mismatched);
        append(sb, "ignored", ignored);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            sb.append("; ").append(what).append(" (").append(keys.size()).append("): ").append(String.join(", ", keys));
        }
    }
}
