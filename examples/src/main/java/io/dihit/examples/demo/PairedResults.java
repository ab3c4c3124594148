package io.dihit.examples.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric values per variant and replicate, and the paired comparison of two variants on one metric
 * over the replicates both have. Insertion order of metrics and replicates is kept.
 */
public final class PairedResults {

    private final Map<String, Map<String, Map<Replicate, Double>>> values = new LinkedHashMap<>();

    public PairedResults add(String metric, String variant, Replicate replicate, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(metric + " / " + variant + " / " + replicate.label() + " is not finite: " + value);
        }
        Double old = values.computeIfAbsent(metric, m -> new LinkedHashMap<>()).computeIfAbsent(variant, v -> new LinkedHashMap<>())
                .put(replicate, value);
        if (old != null) {
            throw new IllegalArgumentException(metric + " / " + variant + " / " + replicate.label() + " was already recorded");
        }
        return this;
    }

    public List<String> metrics() {
        return List.copyOf(values.keySet());
    }

    public boolean has(String metric, String variant) {
        return values.getOrDefault(metric, Map.of()).containsKey(variant);
    }

    /** {@code after - before} over the replicates both variants have, in the order {@code before} recorded them. */
    public PairedComparison compare(String metric, String before, String after) {
        Map<Replicate, Double> a = series(metric, before);
        Map<Replicate, Double> b = series(metric, after);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        a.forEach((replicate, value) -> {
            if (b.containsKey(replicate)) {
                x.add(value);
                y.add(b.get(replicate));
            }
        });
        if (x.isEmpty()) {
            throw new IllegalArgumentException(before + " and " + after + " share no replicate on " + metric);
        }
        return PairedComparison.of(x, y);
    }

    /** One variant's values on one metric, by replicate. */
    public Map<Replicate, Double> series(String metric, String variant) {
        Map<Replicate, Double> s = values.getOrDefault(metric, Map.of()).get(variant);
        if (s == null) {
            throw new IllegalArgumentException("no values for " + variant + " / " + metric);
        }
        return java.util.Collections.unmodifiableMap(s);
    }
}
