package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole training run as one immutable JSON record (snake_case keys; unknown keys are errors so
 * typos do not pass silently). Example:
 * <pre>
 * {"run_dir": "runs/demo", "seed": 0, "steps": 1000, "batch_size": 128,
 *  "model": {"name": "bench_small"}, "data": {"type": "manifest", "manifest": "train.csv"},
 *  "loss": {"type": "hn_nce", "alpha": 1, "beta1": 0.5, "beta2": 0.5},
 *  "optimizer": {"lr": 5e-4, "warmup_steps": 100, "weight_decay": 0.2, "clip_norm": 1.0},
 *  "distillation": {"soft_labels": "teacher.soft", "temperature": 1, "weight": 1}}
 * </pre>
 * grad_cache_chunk (0 = off) splits the contrastive batch for gradient caching; devices is the
 * number of accelerators to shard over (1 on CPU). plot_every N (0 = off) redraws
 * {@code <run_dir>/loss.png} from metrics.jsonl every N updates and when the run stops.
 * stop_timeout_s bounds how long a JVM shutdown (SIGTERM) waits for the current step and its
 * checkpoint (see ShutdownGuard).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainConfig(
        @JsonProperty("run_dir") String runDir,
        @JsonProperty("seed") Long seed,
        @JsonProperty("steps") Long steps,
        @JsonProperty("batch_size") Integer batchSize,
        @JsonProperty("grad_cache_chunk") Integer gradCacheChunk,
        @JsonProperty("devices") Integer devices,
        @JsonProperty("model") ModelConfig model,
        @JsonProperty("data") DataConfig data,
        @JsonProperty("loss") LossConfig loss,
        @JsonProperty("optimizer") OptimizerConfig optimizer,
        @JsonProperty("distillation") DistillationConfig distillation,
        @JsonProperty("checkpoint_every") Long checkpointEvery,
        @JsonProperty("keep_checkpoints") Integer keepCheckpoints,
        @JsonProperty("log_every") Long logEvery,
        @JsonProperty("max_consecutive_nonfinite") Integer maxConsecutiveNonFinite,
        @JsonProperty("progress") Boolean progress,
        @JsonProperty("plot_every") Long plotEvery,
        @JsonProperty("stop_timeout_s") Long stopTimeoutSeconds) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public TrainConfig {
        if (runDir == null || runDir.isBlank()) {
            throw new IllegalArgumentException("run_dir is required (checkpoints, metrics and the config go there)");
        }
        seed = seed == null ? 0L : seed;
        if (steps == null || steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        batchSize = batchSize == null ? 128 : batchSize;
        gradCacheChunk = gradCacheChunk == null ? 0 : gradCacheChunk;
        devices = devices == null ? 1 : devices;
        if (batchSize < 2 || gradCacheChunk < 0 || devices < 1 || batchSize < devices) {
            throw new IllegalArgumentException("need batch_size >= 2 and >= devices >= 1, grad_cache_chunk >= 0; got "
                    + batchSize + ", " + devices + ", " + gradCacheChunk);
        }
        loss = loss == null ? LossConfig.DEFAULT : loss;
        optimizer = optimizer == null ? OptimizerConfig.DEFAULT : optimizer;
        checkpointEvery = checkpointEvery == null ? Math.max(1, steps / 10) : checkpointEvery;
        keepCheckpoints = keepCheckpoints == null ? 2 : keepCheckpoints;
        logEvery = logEvery == null ? 1L : logEvery;
        maxConsecutiveNonFinite = maxConsecutiveNonFinite == null ? 10 : maxConsecutiveNonFinite;
        progress = progress == null || progress;
        plotEvery = plotEvery == null ? 0L : plotEvery;
        stopTimeoutSeconds = stopTimeoutSeconds == null ? 300L : stopTimeoutSeconds;
        if (checkpointEvery < 1 || keepCheckpoints < 1 || logEvery < 1 || maxConsecutiveNonFinite < 1) {
            throw new IllegalArgumentException("checkpoint_every, keep_checkpoints, log_every and "
                    + "max_consecutive_nonfinite must be >= 1");
        }
        if (plotEvery < 0 || stopTimeoutSeconds < 1) {
            throw new IllegalArgumentException("plot_every must be >= 0 (0 = no loss.png) and stop_timeout_s >= 1; got "
                    + plotEvery + ", " + stopTimeoutSeconds);
        }
    }

    /** The configuration without the later-added options (plot_every, stop_timeout_s), which take their defaults. */
    public TrainConfig(String runDir, Long seed, Long steps, Integer batchSize, Integer gradCacheChunk, Integer devices,
                       ModelConfig model, DataConfig data, LossConfig loss, OptimizerConfig optimizer,
                       DistillationConfig distillation, Long checkpointEvery, Integer keepCheckpoints, Long logEvery,
                       Integer maxConsecutiveNonFinite, Boolean progress) {
        this(runDir, seed, steps, batchSize, gradCacheChunk, devices, model, data, loss, optimizer, distillation,
                checkpointEvery, keepCheckpoints, logEvery, maxConsecutiveNonFinite, progress, null, null);
    }

    public Path runPath() {
        return Path.of(runDir);
    }

    public static TrainConfig read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), TrainConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read training config " + file + ": " + e.getMessage(), e);
        }
    }

    public static TrainConfig parse(String json) {
        try {
            return MAPPER.readValue(json, TrainConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad training config: " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public TrainConfig withRunDir(String dir) {
        return new TrainConfig(dir, seed, steps, batchSize, gradCacheChunk, devices, model, data, loss, optimizer,
                distillation, checkpointEvery, keepCheckpoints, logEvery, maxConsecutiveNonFinite, progress, plotEvery,
                stopTimeoutSeconds);
    }

    public TrainConfig withSteps(long total) {
        return new TrainConfig(runDir, seed, total, batchSize, gradCacheChunk, devices, model, data, loss, optimizer,
                distillation, checkpointEvery, keepCheckpoints, logEvery, maxConsecutiveNonFinite, progress, plotEvery,
                stopTimeoutSeconds);
    }
}
