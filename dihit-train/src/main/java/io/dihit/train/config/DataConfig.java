package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where batches come from. {@code synthetic}: seeded random images and token rows of the model's
 * shapes (benchmarks and smoke runs; {@code samples} pairs per epoch). {@code manifest}: an
 * image-text manifest (CSV or JSON lines) read by dihit-core's data pipeline, captions tokenised
 * with the merges file given in {@code bpe} (default: the CLIP vocabulary).
 */
public record DataConfig(
        @JsonProperty("type") String type,
        @JsonProperty("manifest") String manifest,
        @JsonProperty("bpe") String bpe,
        @JsonProperty("samples") Long samples,
        @JsonProperty("workers") Integer workers) {

    public DataConfig {
        type = type == null ? "manifest" : type;
        if (!type.equals("manifest") && !type.equals("synthetic")) {
            throw new IllegalArgumentException("data.type must be manifest or synthetic, got " + type);
        }
        if (type.equals("manifest") && (manifest == null || manifest.isBlank())) {
            throw new IllegalArgumentException("data.manifest is required for manifest data");
        }
        samples = samples == null ? 1L << 20 : samples;
        workers = workers == null ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : workers;
        if (samples < 1 || workers < 1) {
            throw new IllegalArgumentException("data.samples and data.workers must be >= 1");
        }
    }
}
