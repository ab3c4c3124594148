package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The model to train: {@code name} of a bundled ClipConfig (e.g. "bench_small") or {@code config}
 * (path of a ClipConfig JSON), and optionally {@code init_checkpoint} (.pt or .safetensors) to start from.
 */
public record ModelConfig(
        @JsonProperty("name") String name,
        @JsonProperty("config") String config,
        @JsonProperty("init_checkpoint") String initCheckpoint) {

    public ModelConfig {
        if ((name == null) == (config == null)) {
            throw new IllegalArgumentException("model needs exactly one of name (bundled config) or config (a JSON path)");
        }
    }

    /** A bundled ClipConfig by name, initialised from scratch. */
    public static ModelConfig named(String name) {
        return new ModelConfig(name, null, null);
    }

    /** A ClipConfig JSON file, initialised from scratch. */
    public static ModelConfig fromFile(java.nio.file.Path configJson) {
        return new ModelConfig(null, configJson.toString(), null);
    }
}
