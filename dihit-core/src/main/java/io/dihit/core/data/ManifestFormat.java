package io.dihit.core.data;

import java.nio.file.Path;
import java.util.Locale;

/** Manifest file formats, chosen by file extension. */
public enum ManifestFormat {
    /**
     * Comma-separated, header row naming at least id, image, caption; a field is quoted only when it
     * starts with a quote, as in web dumps and Python's csv (RFC 4180 files read the same).
     */
    CSV,
    /** One JSON object per line with at least the keys id, image, caption. */
    JSONL;

    /** {@code .csv} is CSV; {@code .jsonl}, {@code .ndjson} and {@code .json} are JSON lines. */
    public static ManifestFormat of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        throw new IllegalArgumentException("unknown manifest format for " + path
                + ": expected a .csv or .jsonl file");
    }
}
