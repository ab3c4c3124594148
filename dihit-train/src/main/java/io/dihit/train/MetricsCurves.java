package io.dihit.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a run's metrics.jsonl (written by the training loop) back as curves: (step, value) per key. */
public final class MetricsCurves {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsCurves() {}

    /** (step, value) pairs per requested key, in file order; lines without the key (or with a non-finite or non-number value) are left out of that curve. */
    public static Map<String, List<double[]>> read(Path metrics, List<String> keys) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, new ArrayList<>()));
        try {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                double step = record.path("step").asDouble();
                for (String key : keys) {
                    JsonNode value = record.get(key);
                    if (value != null && value.isNumber() && Double.isFinite(value.asDouble())) {
                        out.get(key).add(new double[] {step, value.asDouble()});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        }
        return out;
    }
}
