package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where batches come from.
 * <ul>
 *   <li>{@code manifest}: image-text manifests (CSV id,image,caption or JSON lines) and/or
 *       webdataset tar shards, read by dihit-core's BatchLoader (parallel decode, RandomResizedCrop,
 *       deterministic order per seed, resumable); captions tokenised with the merges file {@code bpe}
 *       (the CLIP vocabulary or one from BpeTrainer); {@code epochs} passes; {@code threads} decoders.</li>
 *   <li>{@code synthetic}: seeded random images and token rows of the model's shapes
 *       ({@code samples} pairs in all), for benchmarks and smoke runs.</li>
 * </ul>
 * {@code dihit train} needs the manifests or shards and the bpe file ({@link #requireFiles()});
 * training from Java on an in-memory dataset uses only epochs, threads and, without a tokenizer
 * given in code, bpe.
 */
public record DataConfig(
        @JsonProperty("type") String type,
        @JsonProperty("manifests") List<String> manifests,
        @JsonProperty("shards") List<String> shards,
        @JsonProperty("bpe") String bpe,
        @JsonProperty("epochs") Integer epochs,
        @JsonProperty("threads") Integer threads,
        @JsonProperty("samples") Long samples) {

    public DataConfig {
        type = type == null ? "manifest" : type;
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        shards = shards == null ? List.of() : List.copyOf(shards);
        epochs = epochs == null ? 1 : epochs;
        threads = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        samples = samples == null ? 1L << 20 : samples;
        if (!type.equals("manifest") && !type.equals("synthetic")) {
            throw new IllegalArgumentException("data.type must be manifest or synthetic, got " + type);
        }
        if (!manifests.isEmpty() && !shards.isEmpty()) {
            throw new IllegalArgumentException("data takes either manifests or shards, not both");
        }
        if (epochs < 1 || threads < 1 || samples < 1) {
            throw new IllegalArgumentException("data.epochs, data.threads and data.samples must be >= 1");
        }
    }

    /** The manifests or shards and the merges file that a manifest run read from the config needs. */
    public void requireFiles() {
        if (type.equals("manifest")) {
            if (manifests.isEmpty() && shards.isEmpty()) {
                throw new IllegalArgumentException("manifest data needs either data.manifests or data.shards");
            }
            if (bpe == null || bpe.isBlank()) {
                throw new IllegalArgumentException("manifest data needs data.bpe (a BPE merges file, .txt or .gz)");
            }
        }
    }

    /** Manifest data of the given files with one epoch, all cores, captions tokenised with {@code bpe}. */
    public static DataConfig manifests(List<String> manifests, String bpe) {
        return new DataConfig("manifest", manifests, null, bpe, null, null, null);
    }
}
