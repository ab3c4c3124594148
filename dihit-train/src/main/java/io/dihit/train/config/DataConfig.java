package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where batches come from. {@code synthetic}: seeded random images and token rows of the model's
 * shapes ({@code samples} pairs in all), for benchmarks and smoke runs.
 */
public record DataConfig(
        @JsonProperty("type") String type,
        @JsonProperty("samples") Long samples) {

    public DataConfig {
        type = type == null ? "synthetic" : type;
        if (!type.equals("synthetic")) {
            throw new IllegalArgumentException("data.type must be synthetic (manifest data arrives with "
                    + "dihit-core's BatchLoader), got " + type);
        }
        samples = samples == null ? 1L << 20 : samples;
        if (samples < 1) {
            throw new IllegalArgumentException("data.samples must be >= 1, got " + samples);
        }
    }
}
