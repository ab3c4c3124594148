package io.dihit.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.dihit.core.clip.Clip;
import io.dihit.core.data.BatchLoader;
import io.dihit.core.data.BatchSource;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.LoaderConfig;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.train.config.DataConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a CLIP model as a {@link TrainConfig} describes and returns it as a {@link Clip}:
 * <pre>
 * Trainer trainer = Trainer.builder(config).listener(myListener).build();
 * try (Clip clip = trainer.fit(dataset)) { ... }
 * </pre>
 * {@code fit} builds the model of {@code config.model()} (initialised with the seed, or from
 * init_checkpoint), resumes from the newest checkpoint in run_dir if there is one, trains
 * ({@link TrainingLoop} with {@link TrainingListener#defaults} then the builder's listeners) and, when
 * the run is finished (see {@link RunEnding#finished()}), writes {@code <run_dir>/model.safetensors}.
 * The returned Clip owns the model's NDManager (close it); its tokenizer is the one captions were
 * tokenised with (null for {@link #fit(BatchSource)} without a tokenizer or data.bpe).
 * Inputs (model config, files, run_dir) are checked before any model is built.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** The final weights in the run directory. */
    public static final String MODEL_FILE = "model.safetensors";

    private final TrainConfig config;
    private final List<TrainingListener> listeners;
    private final ClipTokenizer tokenizer;
    private final long stopAfter;
    private final StopRequest pause;
    private final UnaryOperator<BatchSource> dataView;
    private final List<Device> devices;

    private Trainer(Builder b) {
        if (b.config.model() == null) {
            throw new IllegalArgumentException("the training config needs a model section (name or config)");
        }
        if (b.stopAfter < 1) {
            throw new IllegalArgumentException("stopAfter must be >= 1, got " + b.stopAfter);
        }
        this.config = b.config;
        this.listeners = List.copyOf(b.listeners);
        this.tokenizer = b.tokenizer;
        this.stopAfter = Math.min(b.stopAfter, b.config.steps());
        this.pause = b.pause;
        this.dataView = b.dataView;
        this.devices = b.devices == null ? null : placement(b.devices, b.config.devices());
    }

    /** A trainer of {@code config} with the default listeners only. */
    public static Trainer fromConfig(TrainConfig config) {
        return builder(config).build();
    }

    public static Builder builder(TrainConfig config) {
        return new Builder(config);
    }

    public TrainConfig config() {
        return config;
    }

    /** Trains on the config's data section: manifests or tar shards (tokenised with data.bpe), or synthetic batches. */
    public Clip fit() throws IOException {
        DataConfig data = config.data();
        if (data == null) {
            throw new IllegalArgumentException("the training config has no data section; give the data to fit(...)");
        }
        data.requireFiles();
        InputChecks.files("data.manifests", data.manifests());
        InputChecks.files("data.shards", data.shards());
        if (data.type().equals("synthetic")) {
            return fit((model, tok, res) -> new SyntheticBatches(config.seed(), config.batchSize(),
                    model.vision().imageSize(), model.text().contextLength(), model.text().vocabSize(),
                    Math.max(1, data.samples() / config.batchSize())));
        }
        // the readers' skips go to skipped.jsonl as they happen (a dataset given to fit(dataset) was read before)
        return fit((model, tok, res) -> res.loader(data.manifests().isEmpty()
                ? ImageTextDataset.fromShards(data.shards().stream().map(Path::of).toList(), res.summary.sourceSkips())
                : ImageTextDataset.fromManifests(data.manifests().stream().map(Path::of).toList(),
                        res.summary.sourceSkips()), model, tok));
    }

    /**
     * Trains on an image-text dataset through dihit-core's BatchLoader (parallel decode,
     * RandomResizedCrop, order fixed by the seed, resumable), data.epochs passes with data.threads
     * decoders; captions are tokenised with the builder's tokenizer or data.bpe.
     */
    public Clip fit(ImageTextDataset dataset) throws IOException {
        return fit((model, tok, res) -> res.loader(dataset, model, tok));
    }

    /** Trains on any batch source (already tokenised and preprocessed for the model). */
    public Clip fit(BatchSource batches) throws IOException {
        return fit((model, tok, res) -> batches);
    }

    /** Opens the batches once the model config and tokenizer are known. */
    @FunctionalInterface
    private interface DataOpener {
        BatchSource open(ClipConfig model, ClipTokenizer tokenizer, Resources resources) throws IOException;
    }

    private Clip fit(DataOpener data) throws IOException {
        ClipConfig clipConfig = InputChecks.runInputs(config);
        ClipTokenizer tok = tokenizer(clipConfig);
        List<Device> devices = this.devices != null ? this.devices : devices(config.devices());
        Engine.getInstance().setRandomSeed((int) config.seed());
        NDManager manager = NDManager.newBaseManager(devices.get(0));
        try {
            ClipModel model = new ClipModel(clipConfig);
            model.initializeParameters(manager);
            train(model, manager, devices, tok, data);
            return Clip.wrap(model, manager, tok); // the Clip owns the manager from here on
        } catch (Throwable e) {
            manager.close();
            throw e;
        }
    }

    /** Trains {@code model} in place; every data and label resource is closed (data_summary.json written) on return. */
    private void train(ClipModel model, NDManager manager, List<Device> devices, ClipTokenizer tok, DataOpener data)
            throws IOException {
        try (Resources resources = new Resources()) {
            if (config.model().initCheckpoint() != null) {
                LOG.info("initial weights: {}", Checkpoints.load(Path.of(config.model().initCheckpoint()), model, true));
            }
            DataSummary summary = resources.add(resources.summary);
            BatchSource source = dataView.apply(data.open(model.config(), tok, resources));
            summary.attach(resources.dataset, resources.loader);
            SoftLabelFile labels = config.distillation() == null ? null
                    : resources.add(SoftLabelFile.open(Path.of(config.distillation().softLabels())));
            List<TrainingListener> all = new ArrayList<>(TrainingListener.defaults(config));
            all.add(summary);
            all.addAll(listeners);
            try (TrainingLoop loop = new TrainingLoop(config, new ClipModelEncoder(model), manager, devices, labels, all)) {
                TrainingLoop.Outcome outcome = loop.run(source, stopAfter, pause);
                if (outcome.ending().finished()) {
                    Path out = config.runPath().resolve(MODEL_FILE);
                    Checkpoints.saveSafetensors(model, out, loop.checkpoints().provenance().orElse(null));
                    LOG.info("trained {} steps ({}); weights written to {}", outcome.state().step(), outcome.ending(), out);
                }
            }
        }
    }

    /** The builder's tokenizer, else data.bpe's, else null; its vocabulary must fit the model's. */
    private ClipTokenizer tokenizer(ClipConfig model) throws IOException {
        ClipTokenizer tok = tokenizer;
        if (tok == null && config.data() != null && config.data().bpe() != null) {
            tok = ClipTokenizer.fromMerges(Path.of(config.data().bpe()));
        }
        if (tok != null && tok.vocabSize() > model.text().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tok.vocabSize()
                    + " ids but the model's text vocabulary is " + model.text().vocabSize());
        }
        return tok;
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
        return List.copyOf(out);
    }

    /** An explicit placement: exactly {@code count} devices, GPUs only when there are several. */
    static List<Device> placement(List<Device> chosen, int count) {
        if (chosen.size() != count) {
            throw new IllegalArgumentException("the config trains on devices = " + count + " but " + chosen.size()
                    + " devices were given: " + chosen);
        }
        if (count > 1 && chosen.stream().anyMatch(d -> !d.isGpu())) {
            throw new IllegalArgumentException("several devices must all be GPUs, got " + chosen);
        }
        if (chosen.stream().distinct().count() != count) {
            throw new IllegalArgumentException("devices must be distinct, got " + chosen);
        }
        return List.copyOf(chosen);
    }

    /** What a fit opened (closed in reverse order), the data summary, and the dataset and loader it reports on. */
    private final class Resources implements AutoCloseable {
        private final Deque<AutoCloseable> open = new ArrayDeque<>();
        private final DataSummary summary = new DataSummary(config.runPath());
        private ImageTextDataset dataset;
        private BatchLoader loader;

        <T extends AutoCloseable> T add(T resource) {
            open.push(resource);
            return resource;
        }

        BatchSource loader(ImageTextDataset data, ClipConfig model, ClipTokenizer tok) {
            if (tok == null) {
                throw new IllegalArgumentException("training on an image-text dataset needs a tokenizer: set data.bpe "
                        + "or give one to Trainer.builder(config).tokenizer(...)");
            }
            DataConfig dataConfig = config.data() == null ? DataConfig.manifests(List.of(), null) : config.data();
            int context = model.text().contextLength();
            dataset = data;
            loader = add(new BatchLoader(data,
                    LoaderConfig.training(config.batchSize(), config.seed()).withThreads(dataConfig.threads()),
                    ImagePreprocessor.training(model.vision().imageSize()), caption -> tok.tokenize(caption, context)));
            return loader.source(dataConfig.epochs());
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e instanceof IOException io ? io : new IOException(e);
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    public static final class Builder {
        private final TrainConfig config;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private ClipTokenizer tokenizer;
        private long stopAfter = Long.MAX_VALUE;
        private StopRequest pause = new StopRequest();
        private UnaryOperator<BatchSource> dataView = UnaryOperator.identity();
        private List<Device> devices;

        private Builder(TrainConfig config) {
            this.config = config;
        }

        /** Adds a listener, called after the default ones, in the order added. */
        public Builder listener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /** The caption tokenizer (instead of loading data.bpe). */
        public Builder tokenizer(ClipTokenizer value) {
            tokenizer = value;
            return this;
        }

        /** Pauses after this many updates (a checkpoint; no model file unless it is the last step); the schedule still spans config.steps(). */
        public Builder stopAfter(long updates) {
            stopAfter = updates;
            return this;
        }

        /** A stop request another thread may trigger to pause the run after its current step (with a checkpoint). */
        public Builder stopRequest(StopRequest value) {
            pause = value;
            return this;
        }

        /**
         * Trains on these devices instead of the default (the first config.devices() GPUs, else the CPU),
         * e.g. {@code devices(Device.cpu())} on a GPU machine; as many as config.devices().
         */
        public Builder devices(Device... value) {
            devices = List.of(value);
            return this;
        }

        /** Passes the batches through {@code view} (tests slow them down). */
        Builder dataView(UnaryOperator<BatchSource> view) {
            dataView = view;
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
