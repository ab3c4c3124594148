package io.dihit.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.dihit.core.data.BatchLoader;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.LoaderConfig;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.train.config.DataConfig;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.data.BatchSource;
import io.dihit.train.data.LoaderBatches;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry of the training module ({@code dihit train --config run.json}). Builds the
 * ClipModel of the config, resumes from the latest checkpoint in run_dir (if any), trains, and writes
 * the final weights as {@code <run_dir>/model.safetensors}. Never calls System.exit: errors are thrown.
 * SIGTERM or Ctrl-C stops training after the current step with a checkpoint (exit status 143 / 130).
 */
public final class TrainMain {

    private static final Logger LOG = LoggerFactory.getLogger(TrainMain.class);

    static final String USAGE = """
            usage: dihit train --config run.json [--stop-after N]

            Pre-trains a CLIP model contrastively (InfoNCE or HN-NCE), optionally with concept
            distillation from precomputed teacher soft labels. Resumes from the latest checkpoint in
            the config's run_dir. Writes config.json, versions.json, metrics.jsonl, checkpoints/ and,
            at the end, model.safetensors into run_dir.

            options:
              --config FILE     training config (JSON; fields in docs/train.md)
              --stop-after N    stop after N optimizer updates (the schedule still spans "steps";
                                run again to continue from the checkpoint)
            SIGTERM or Ctrl-C stops after the current step with a checkpoint (waiting at most the
            config's stop_timeout_s); running again resumes there.
              --help            this text
            """;

    private TrainMain() {}

    public static void main(String[] args) throws IOException {
        Path configFile = null;
        Long stopAfter = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--config" -> configFile = Path.of(value(args, ++i, "--config"));
                case "--stop-after" -> stopAfter = Long.parseLong(value(args, ++i, "--stop-after"));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n\n" + USAGE);
            }
        }
        if (configFile == null) {
            throw new IllegalArgumentException("--config is required\n\n" + USAGE);
        }
        TrainConfig config = TrainConfig.read(configFile);
        train(config, stopAfter == null ? config.steps() : Math.min(stopAfter, config.steps()));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * Runs (or resumes) the configured training until {@code stopAt} updates; returns the final state.
     * A JVM shutdown meanwhile (SIGTERM, Ctrl-C) stops it after the current step with a checkpoint
     * ({@link ShutdownGuard}), so running again resumes there.
     */
    public static TrainingState train(TrainConfig config, long stopAt) throws IOException {
        return train(config, stopAt, UnaryOperator.identity());
    }

    /** As {@link #train(TrainConfig, long)}, with the configured batches passed through {@code dataView} (tests slow them down). */
    static TrainingState train(TrainConfig config, long stopAt, UnaryOperator<BatchSource> dataView) throws IOException {
        if (config.model() == null || config.data() == null) {
            throw new IllegalArgumentException("the config needs a model and a data section");
        }
        // the guard is closed last: only after every native array is freed may the JVM exit
        try (ShutdownGuard guard = new ShutdownGuard(new StopRequest(), Duration.ofSeconds(config.stopTimeoutSeconds()))) {
            TrainingState state = train(config, stopAt, dataView, guard.stopRequest());
            if (guard.stopRequest().isRequested()) {
                LOG.warn("training stopped at step {} of {} because {}", state.step(), config.steps(),
                        guard.stopRequest().reason());
            }
            return state;
        }
    }

    private static TrainingState train(TrainConfig config, long stopAt, UnaryOperator<BatchSource> dataView,
                                       StopRequest stop) throws IOException {
        List<Device> devices = devices(config.devices());
        Engine.getInstance().setRandomSeed((int) config.seed().longValue());
        try (NDManager manager = NDManager.newBaseManager(devices.get(0))) {
            ClipModel model = new ClipModel(clipConfig(config.model()));
            model.initializeParameters(manager);
            if (config.model().initCheckpoint() != null) {
                LOG.info("initial weights: {}", Checkpoints.load(Path.of(config.model().initCheckpoint()), model, true));
            }
            List<AutoCloseable> closeables = new ArrayList<>();
            SoftLabelFile labels = config.distillation() == null ? null
                    : SoftLabelFile.open(Path.of(config.distillation().softLabels()));
            try (TrainingLoop loop = new TrainingLoop(config, new ClipEncoder(model), manager, devices, labels)) {
                TrainingState state = loop.run(dataView.apply(dataSource(config, model.config(), closeables)), stopAt, stop);
                if (state.step() == config.steps()) {
                    Path out = config.runPath().resolve("model.safetensors");
                    Checkpoints.saveSafetensors(model, out);
                    LOG.info("trained {} steps; weights written to {}", state.step(), out);
                }
                return state;
            } finally {
                if (labels != null) {
                    labels.close();
                }
                for (AutoCloseable c : closeables) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.warn("closing {}: {}", c, e.toString());
                    }
                }
            }
        }
    }

    static ClipConfig clipConfig(ModelConfig model) {
        return model.name() != null ? ClipConfig.named(model.name()) : ClipConfig.fromJson(Path.of(model.config()));
    }

    /** The first {@code count} GPUs when the engine has them; on CPU only a single device. */
    static List<Device> devices(int count) {
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            if (count != 1) {
                throw new IllegalArgumentException("devices = " + count + " needs GPUs; this machine has none (use 1)");
            }
            return List.of(Device.cpu());
        }
        if (count > gpus) {
            throw new IllegalArgumentException("devices = " + count + " but only " + gpus + " GPUs are visible");
        }
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Device.gpu(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The configured batches; a BatchLoader, when used, is registered in {@code closeables}. */
    static BatchSource dataSource(TrainConfig config, ClipConfig model, List<AutoCloseable> closeables)
            throws IOException {
        DataConfig data = config.data();
        if (data.type().equals("synthetic")) {
            long batches = Math.max(1, data.samples() / config.batchSize());
            return new SyntheticBatches(config.seed(), config.batchSize(), model.vision().imageSize(),
                    model.text().contextLength(), model.text().vocabSize(), batches);
        }
        ClipTokenizer tokenizer = ClipTokenizer.fromMerges(Path.of(data.bpe()));
        if (tokenizer.vocabSize() > model.text().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer " + data.bpe() + " has " + tokenizer.vocabSize()
                    + " ids but the model's text vocabulary is " + model.text().vocabSize());
        }
        ImageTextDataset dataset = data.manifests().isEmpty()
                ? ImageTextDataset.fromShards(data.shards().stream().map(Path::of).toList())
                : ImageTextDataset.fromManifests(data.manifests().stream().map(Path::of).toList());
        int context = model.text().contextLength();
        BatchLoader loader = new BatchLoader(dataset,
                LoaderConfig.training(config.batchSize(), config.seed()).withThreads(data.threads()),
                ImagePreprocessor.training(model.vision().imageSize()), caption -> tokenizer.tokenize(caption, context));
        closeables.add(loader);
        return new LoaderBatches(loader, data.epochs());
    }
}
