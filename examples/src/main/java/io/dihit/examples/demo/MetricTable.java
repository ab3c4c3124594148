package io.dihit.examples.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-seed metric values for rows (variants) and columns (metrics), printed as a markdown table of
 * mean ± std in percent. Insertion order is kept for rows and columns.
 */
public final class MetricTable {

    private final String rowHeader;
    private final Map<String, Map<String, List<Double>>> cells = new LinkedHashMap<>();
    private final List<String> columns = new ArrayList<>();

    public MetricTable(String rowHeader) {
        this.rowHeader = rowHeader;
    }

    public MetricTable add(String row, String column, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(row + " / " + column + " is not finite: " + value);
        }
        if (!columns.contains(column)) {
            columns.add(column);
        }
        cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new ArrayList<>()).add(value);
        return this;
    }

    public Stats stats(String row, String column) {
        List<Double> values = cells.getOrDefault(row, Map.of()).get(column);
        if (values == null) {
            throw new IllegalArgumentException("no values for " + row + " / " + column);
        }
        return Stats.of(values);
    }

    public List<String> rows() {
        return List.copyOf(cells.keySet());
    }

    public List<String> columns() {
        return List.copyOf(columns);
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder("| ").append(rowHeader).append(" |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|");
        columns.forEach(c -> md.append("---:|"));
        md.append('\n');
        for (var row : cells.entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (String c : columns) {
                List<Double> values = row.getValue().get(c);
                md.append(' ').append(values == null ? "–" : Stats.of(values).percent()).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
