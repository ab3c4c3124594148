package io.dihit.core.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A kept manifest row: the record plus any extra columns (scores written by the filter, ...).
 *
 * @param line   1-based line where the row starts
 * @param record id, image (resolved against the manifest's folder), caption
 * @param extra  extra columns by name, as text (JSON numbers keep their JSON spelling), in file order
 * @param json   of a JSON-lines row, the extra values that are not JSON strings (numbers, booleans,
 *               objects, arrays) with their JSON type, so a writer can pass them on unchanged; empty for CSV
 */
public record ManifestRow(long line, ImageTextRecord record, Map<String, String> extra, Map<String, JsonNode> json) {
    public ManifestRow {
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        json = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(json));
    }

    /** A row without typed JSON values (a CSV row). */
    public ManifestRow(long line, ImageTextRecord record, Map<String, String> extra) {
        this(line, record, extra, Map.of());
    }

    /** The extra values in file order: the JSON value where {@link #json} has one, else the text. */
    public Map<String, Object> extraValues() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        extra.forEach((k, v) -> m.put(k, json.containsKey(k) ? json.get(k) : v));
        return m;
    }
}
