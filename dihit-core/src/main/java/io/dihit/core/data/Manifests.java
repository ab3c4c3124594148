package io.dihit.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Entry points for manifests: CSV (header id,image,caption[,extra...]) or JSON lines. */
public final class Manifests {
    private Manifests() {
    }

    /** A fully read manifest and its accounting. */
    public record Loaded(List<ImageTextRecord> records, DataReport report) {
        public Loaded {
            records = List.copyOf(records);
        }
    }

    /**
     * Opens a manifest for streaming; bad rows are skipped and counted in {@link ManifestReader#report()}.
     * The format follows the extension ({@link ManifestFormat#of}).
     */
    public static ManifestReader read(Path manifest) throws IOException {
        return new ManifestReader(manifest);
    }

    /**
     * What a manifest holds, from a full read that keeps nothing in memory and logs no skips.
     *
     * @param records      physical records (every row read, kept or skipped: what a reader will count as read)
     * @param extraColumns names beyond id, image, caption: the CSV header's in order, or for JSON lines
     *                     the union of the keys of the readable rows in order of first appearance
     */
    public record Scan(long records, List<String> extraColumns) {
        public Scan {
            extraColumns = List.copyOf(extraColumns);
        }
    }

    /** Scans a manifest (a pre-pass: counts for a progress bar, columns for an output header). */
    public static Scan scan(Path manifest) throws IOException {
        try (ManifestReader r = new ManifestReader(manifest, false)) {
            java.util.LinkedHashSet<String> extra = new java.util.LinkedHashSet<>(r.extraColumns());
            boolean json = r.format() == ManifestFormat.JSONL;
            r.rows().forEach(row -> {
                if (json) {
                    extra.addAll(row.extra().keySet());
                }
            });
            return new Scan(r.report().read(), List.copyOf(extra));
        }
    }

    /** Reads every good row into memory. */
    public static Loaded readAll(Path manifest) throws IOException {
        try (ManifestReader r = read(manifest)) {
            return new Loaded(r.records().toList(), r.report());
        }
    }

    /** Creates (or truncates) a manifest for writing, with extra columns after id,image,caption. */
    public static ManifestWriter write(Path manifest, List<String> extraColumns) throws IOException {
        return new ManifestWriter(manifest, extraColumns, false);
    }

    /**
     * Opens a manifest for appending (a resumed job). An existing CSV must have exactly the same
     * header; a missing or empty file is started with a header.
     */
    public static ManifestWriter append(Path manifest, List<String> extraColumns) throws IOException {
        return new ManifestWriter(manifest, extraColumns, true);
    }
}
