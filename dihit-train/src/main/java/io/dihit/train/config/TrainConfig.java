package io.dihit.train.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dihit.train.distill.DistillationConfig;
import io.dihit.train.loss.LossConfig;
import io.dihit.train.optim.OptimizerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole training run as one immutable record, read and written as JSON (snake_case keys; unknown
 * keys are errors so typos do not pass silently); in code, {@link #builder()}. Example:
 * <pre>
 * {"run_dir": "runs/demo", "seed": 0, "steps": 1000, "batch_size": 128,
 *  "model": {"name": "bench_small"},
 *  "data": {"type": "manifest", "manifests": ["train.csv"], "bpe": "bpe.txt.gz"},
 *  "loss": {"type": "hn_nce", "alpha": 1, "beta1": 0.5, "beta2": 0.5},
 *  "optimizer": {"lr": 5e-4, "warmup_steps": 100, "weight_decay": 0.2, "clip_norm": 1.0},
 *  "distillation": {"soft_labels": "teacher.soft", "temperature": 1, "weight": 1}}
 * </pre>
 * grad_cache_chunk (0 = off) splits the contrastive batch for gradient caching; devices is the
 * number of accelerators to shard over (1 on CPU). plot_every N (0 = off) redraws
 * {@code <run_dir>/loss.png} every N updates and when the run stops. stop_timeout_s bounds how long
 * a JVM shutdown (SIGTERM) waits for the current step and its checkpoint. stop_at_end_of_data makes
 * running out of batches before {@code steps} the end of the run (the model of what was trained is
 * written) instead of an error. Every default is listed once, in docs/method.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainConfig(
        @JsonProperty("run_dir") String runDir,
        @JsonProperty("seed") long seed,
        @JsonProperty("steps") long steps,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("grad_cache_chunk") int gradCacheChunk,
        @JsonProperty("devices") int devices,
        @JsonProperty("model") ModelConfig model,
        @JsonProperty("data") DataConfig data,
        @JsonProperty("loss") LossConfig loss,
        @JsonProperty("optimizer") OptimizerConfig optimizer,
        @JsonProperty("distillation") DistillationConfig distillation,
        @JsonProperty("checkpoint_every") long checkpointEvery,
        @JsonProperty("keep_checkpoints") int keepCheckpoints,
        @JsonProperty("log_every") long logEvery,
        @JsonProperty("max_consecutive_nonfinite") int maxConsecutiveNonFinite,
        @JsonProperty("progress") boolean progress,
        @JsonProperty("plot_every") long plotEvery,
        @JsonProperty("stop_timeout_s") long stopTimeoutSeconds,
        @JsonProperty("stop_at_end_of_data") boolean stopAtEndOfData) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public TrainConfig {
        if (runDir == null || runDir.isBlank()) {
            throw new IllegalArgumentException("run_dir is required (checkpoints, metrics and the config go there)");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (batchSize < 2 || gradCacheChunk < 0 || devices < 1 || batchSize < devices) {
            throw new IllegalArgumentException("need batch_size >= 2 and >= devices >= 1, grad_cache_chunk >= 0; got "
                    + batchSize + ", " + devices + ", " + gradCacheChunk);
        }
        loss = loss == null ? LossConfig.hnNce() : loss;
        optimizer = optimizer == null ? OptimizerConfig.DEFAULT : optimizer;
        if (checkpointEvery < 1 || keepCheckpoints < 1 || logEvery < 1 || maxConsecutiveNonFinite < 1) {
            throw new IllegalArgumentException("checkpoint_every, keep_checkpoints, log_every and "
                    + "max_consecutive_nonfinite must be >= 1");
        }
        if (plotEvery < 0 || stopTimeoutSeconds < 1) {
            throw new IllegalArgumentException("plot_every must be >= 0 (0 = no loss.png) and stop_timeout_s >= 1; got "
                    + plotEvery + ", " + stopTimeoutSeconds);
        }
    }

    /** JSON: absent fields take the builder's defaults (checkpoint_every: a tenth of the steps). */
    @JsonCreator
    static TrainConfig fromJson(@JsonProperty("run_dir") String runDir, @JsonProperty("seed") Long seed,
                                @JsonProperty("steps") Long steps, @JsonProperty("batch_size") Integer batchSize,
                                @JsonProperty("grad_cache_chunk") Integer gradCacheChunk,
                                @JsonProperty("devices") Integer devices, @JsonProperty("model") ModelConfig model,
                                @JsonProperty("data") DataConfig data, @JsonProperty("loss") LossConfig loss,
                                @JsonProperty("optimizer") OptimizerConfig optimizer,
                                @JsonProperty("distillation") DistillationConfig distillation,
                                @JsonProperty("checkpoint_every") Long checkpointEvery,
                                @JsonProperty("keep_checkpoints") Integer keepCheckpoints,
                                @JsonProperty("log_every") Long logEvery,
                                @JsonProperty("max_consecutive_nonfinite") Integer maxConsecutiveNonFinite,
                                @JsonProperty("progress") Boolean progress, @JsonProperty("plot_every") Long plotEvery,
                                @JsonProperty("stop_timeout_s") Long stopTimeoutSeconds,
                                @JsonProperty("stop_at_end_of_data") Boolean stopAtEndOfData) {
        if (steps == null) {
            throw new IllegalArgumentException("steps is required");
        }
        Builder b = builder().runDir(runDir).steps(steps).model(model).data(data).loss(loss).optimizer(optimizer)
                .distillation(distillation);
        if (seed != null) {
            b.seed(seed);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (gradCacheChunk != null) {
            b.gradCacheChunk(gradCacheChunk);
        }
        if (devices != null) {
            b.devices(devices);
        }
        if (checkpointEvery != null) {
            b.checkpointEvery(checkpointEvery);
        }
        if (keepCheckpoints != null) {
            b.keepCheckpoints(keepCheckpoints);
        }
        if (logEvery != null) {
            b.logEvery(logEvery);
        }
        if (maxConsecutiveNonFinite != null) {
            b.maxConsecutiveNonFinite(maxConsecutiveNonFinite);
        }
        if (progress != null) {
            b.progress(progress);
        }
        if (plotEvery != null) {
            b.plotEvery(plotEvery);
        }
        if (stopTimeoutSeconds != null) {
            b.stopTimeoutSeconds(stopTimeoutSeconds);
        }
        if (stopAtEndOfData != null) {
            b.stopAtEndOfData(stopAtEndOfData);
        }
        return b.build();
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

    /** A builder with every default; run_dir and steps must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.runDir = runDir;
        b.seed = seed;
        b.steps = steps;
        b.batchSize = batchSize;
        b.gradCacheChunk = gradCacheChunk;
        b.devices = devices;
        b.model = model;
        b.data = data;
        b.loss = loss;
        b.optimizer = optimizer;
        b.distillation = distillation;
        b.checkpointEvery = checkpointEvery;
        b.keepCheckpoints = keepCheckpoints;
        b.logEvery = logEvery;
        b.maxConsecutiveNonFinite = maxConsecutiveNonFinite;
        b.progress = progress;
        b.plotEvery = plotEvery;
        b.stopTimeoutSeconds = stopTimeoutSeconds;
        b.stopAtEndOfData = stopAtEndOfData;
        return b;
    }

    /** Defaults: seed 0, batch 128, no gradient caching, 1 device, HN-NCE and optimizer defaults, checkpoint every tenth of the steps, keep 2, log every step, 10 non-finite steps in a row, progress bar, no plot, 300 s stop timeout. */
    public static final class Builder {
        private String runDir;
        private long seed;
        private long steps;
        private int batchSize = 128;
        private int gradCacheChunk;
        private int devices = 1;
        private ModelConfig model;
        private DataConfig data;
        private LossConfig loss;
        private OptimizerConfig optimizer;
        private DistillationConfig distillation;
        private Long checkpointEvery;
        private int keepCheckpoints = 2;
        private long logEvery = 1;
        private int maxConsecutiveNonFinite = 10;
        private boolean progress = true;
        private long plotEvery;
        private long stopTimeoutSeconds = 300;
        private boolean stopAtEndOfData;

        private Builder() {}

        public Builder runDir(String v) {
            runDir = v;
            return this;
        }

        public Builder runDir(Path v) {
            return runDir(v.toString());
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder steps(long v) {
            steps = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder gradCacheChunk(int v) {
            gradCacheChunk = v;
            return this;
        }

        public Builder devices(int v) {
            devices = v;
            return this;
        }

        public Builder model(ModelConfig v) {
            model = v;
            return this;
        }

        public Builder data(DataConfig v) {
            data = v;
            return this;
        }

        public Builder loss(LossConfig v) {
            loss = v;
            return this;
        }

        public Builder optimizer(OptimizerConfig v) {
            optimizer = v;
            return this;
        }

        /** null: no concept distillation. */
        public Builder distillation(DistillationConfig v) {
            distillation = v;
            return this;
        }

        public Builder checkpointEvery(long v) {
            checkpointEvery = v;
            return this;
        }

        public Builder keepCheckpoints(int v) {
            keepCheckpoints = v;
            return this;
        }

        public Builder logEvery(long v) {
            logEvery = v;
            return this;
        }

        public Builder maxConsecutiveNonFinite(int v) {
            maxConsecutiveNonFinite = v;
            return this;
        }

        public Builder progress(boolean v) {
            progress = v;
            return this;
        }

        public Builder plotEvery(long v) {
            plotEvery = v;
            return this;
        }

        public Builder stopTimeoutSeconds(long v) {
            stopTimeoutSeconds = v;
            return this;
        }

        public Builder stopAtEndOfData(boolean v) {
            stopAtEndOfData = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(runDir, seed, steps, batchSize, gradCacheChunk, devices, model, data, loss, optimizer,
                    distillation, checkpointEvery != null ? checkpointEvery : Math.max(1, steps / 10), keepCheckpoints,
                    logEvery, maxConsecutiveNonFinite, progress, plotEvery, stopTimeoutSeconds, stopAtEndOfData);
        }
    }
}
