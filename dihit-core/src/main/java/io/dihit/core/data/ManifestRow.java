package io.dihit.core.data;

import java.util.Map;

/**
 * A kept manifest row: the record plus any extra columns (scores written by the filter, ...).
 *
 * @param line   1-based line where the row starts
 * @param record id, image (resolved against the manifest's folder), caption
 * @param extra  extra columns by name, as text (JSON numbers keep their JSON spelling), in file order
 */
public record ManifestRow(long line, ImageTextRecord record, Map<String, String> extra) {
    public ManifestRow {
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
