package io.dihit.examples.demo;

import java.util.List;
import java.util.Locale;

/** Mean and sample standard deviation over seeds, as the report's tables print them. */
public record Stats(double mean, double std, int n) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0.0;
        return new Stats(mean, std, values.size());
    }

    /** Percent with one decimal: "12.3 ± 0.4". */
    public String percent() {
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
    }
}
