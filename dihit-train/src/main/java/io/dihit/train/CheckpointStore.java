package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.io.CheckpointLayout;
import io.dihit.core.io.DType;
import io.dihit.core.io.Provenance;
import io.dihit.core.io.SafeTensors;
import io.dihit.core.io.Tensor;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.optim.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training checkpoints, one directory per saved step ({@link CheckpointLayout}:
 * {@code <run_dir>/checkpoints/step-<N>/}) holding
 * <ul>
 *   <li>{@code model.safetensors}: the model's parameters under their state-dict names with the model's
 *       metadata (config, provenance): the format of the final model, so every model reader loads it;</li>
 *   <li>{@code optimizer.safetensors}: the AdamW moments ({@code adam_m.<name>}, {@code adam_v.<name>}),
 *       trained parameters outside the model such as the concept head ({@code param.<name>}), and the
 *       update count in the metadata;</li>
 *   <li>{@code state.json}: the {@link TrainingState}.</li>
 * </ul>
 * Values are stored as the raw bytes of their type, so a resumed run continues bit for bit. A checkpoint
 * is written into {@code step-<N>.tmp/}, every file forced to disk, then the directory is renamed into
 * place: a kill at any moment leaves the previous checkpoint intact; unfinished directories are removed.
 */
final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** optimizer.safetensors metadata key of AdamW's update count. */
    static final String OPTIMIZER_STEPS_KEY = "dihit.optimizer_steps";
    private static final String PARAM = "param.";
    private static final String FIRST_MOMENT = "adam_m.";
    private static final String SECOND_MOMENT = "adam_v.";

    private final Path runDir;
    private final int keep;
    private final Set<String> modelKeys;
    private final Map<String, String> modelMetadata;
    private final Provenance provenance;

    /** A store whose model file holds every parameter, without metadata (tests, tools that only list). */
    public CheckpointStore(Path runDir, int keep) {
        this(runDir, keep, null, Map.of(), null);
    }

    /**
     * @param modelKeys     the parameters that make up the model, written to model.safetensors (null: all);
     *                      the others go to optimizer.safetensors
     * @param modelMetadata metadata of model.safetensors besides the provenance (the model config)
     * @param provenance    recorded in model.safetensors too, or null
     */
    public CheckpointStore(Path runDir, int keep, Set<String> modelKeys, Map<String, String> modelMetadata,
                           Provenance provenance) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep_checkpoints must be >= 1, got " + keep);
        }
        this.runDir = runDir;
        this.keep = keep;
        this.modelKeys = modelKeys == null ? null : Set.copyOf(modelKeys);
        Map<String, String> metadata = new LinkedHashMap<>(modelMetadata);
        if (provenance != null) {
            metadata.putAll(provenance.toMetadata());
        }
        this.modelMetadata = Map.copyOf(metadata);
        this.provenance = provenance;
    }

    /** The store of a run: the encoder's parameters and metadata make the model file, with the run's provenance. */
    public static CheckpointStore forRun(TrainConfig config, ImageTextEncoder encoder) {
        return new CheckpointStore(config.runPath(), config.keepCheckpoints(), encoder.namedParameters().keySet(),
                encoder.modelMetadata(), RunProvenance.capture(config));
    }

    /**
     * The provenance this store writes into model files, captured once per run (its data fingerprint reads
     * the inputs), for the run's final model too: {@code Checkpoints.saveSafetensors(model, file, provenance)}.
     */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    public Path directory() {
        return CheckpointLayout.checkpointsDirectory(runDir);
    }

    /** Writes the checkpoint of {@code state} atomically, prunes to the newest keep_checkpoints, returns its directory. */
    public Path save(TrainingState state, Map<String, Parameter> parameters, AdamW optimizer) {
        Path target = CheckpointLayout.stepDirectory(runDir, state.step());
        Path temp = CheckpointLayout.unfinished(target);
        try {
            deleteTree(temp);
            Files.createDirectories(temp);
            Map<String, NDArray> model = new LinkedHashMap<>();
            Map<String, NDArray> rest = new LinkedHashMap<>();
            parameters.forEach((name, p) -> {
                if (modelKeys == null || modelKeys.contains(name)) {
                    model.put(name, p.getArray());
                } else {
                    rest.put(PARAM + name, p.getArray());
                }
            });
            optimizer.firstMoments().forEach((name, m) -> {
                rest.put(FIRST_MOMENT + name, m);
                rest.put(SECOND_MOMENT + name, optimizer.secondMoments().get(name));
            });
            SafeTensors.writeArrays(temp.resolve(CheckpointLayout.MODEL_FILE), model, modelMetadata);
            SafeTensors.writeArrays(temp.resolve(CheckpointLayout.OPTIMIZER_FILE), rest,
                    Map.of(OPTIMIZER_STEPS_KEY, Long.toString(optimizer.steps())));
            Path stateFile = temp.resolve(CheckpointLayout.STATE_FILE);
            Files.write(stateFile, JSON.writeValueAsBytes(state));
            force(stateFile);
            forceDirectory(temp);
            deleteTree(target); // only when this very step was saved before
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
            prune();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint for step " + state.step() + " in " + directory(), e);
        }
    }

    /** Completed checkpoints, oldest first. */
    public List<Path> list() {
        return CheckpointLayout.checkpoints(runDir);
    }

    /**
     * The newest completed checkpoint, if any.
     *
     * @throws IllegalArgumentException when the run directory holds only checkpoints of the earlier format
     */
    public Optional<Path> latest() {
        Optional<Path> latest = CheckpointLayout.latest(runDir);
        if (latest.isEmpty() && !CheckpointLayout.legacyCheckpoints(runDir).isEmpty()) {
            throw new IllegalArgumentException(CheckpointLayout.legacyFormatMessage(runDir));
        }
        return latest;
    }

    /** Removes what a killed writer left behind ({@code step-<N>.tmp}). */
    public void removeUnfinished() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(f -> f.getFileName().toString().endsWith(CheckpointLayout.UNFINISHED_SUFFIX)).toList()) {
                LOG.warn("removing unfinished checkpoint {}", p);
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    /**
     * Restores parameters (strictly: the same names, shapes and types, checked before anything changes)
     * and optimizer state from a checkpoint directory; returns its training state.
     */
    public static TrainingState load(Path checkpoint, Map<String, Parameter> parameters, AdamW optimizer,
                                     NDManager manager) {
        if (!Files.isDirectory(checkpoint)) {
            throw new IllegalArgumentException(Files.isRegularFile(checkpoint)
                    ? CheckpointLayout.legacyFormatMessage(checkpoint) : "no checkpoint directory " + checkpoint);
        }
        Path modelFile = checkpoint.resolve(CheckpointLayout.MODEL_FILE);
        Path optimizerFile = checkpoint.resolve(CheckpointLayout.OPTIMIZER_FILE);
        try (NDManager scratch = manager.newSubManager()) {
            TrainingState state = JSON.readValue(checkpoint.resolve(CheckpointLayout.STATE_FILE).toFile(), TrainingState.class);
            checkMatches(checkpoint, parameters, modelFile, optimizerFile);
            SafeTensors.forEach(modelFile, (name, t) -> copyInto(parameters.get(name), t, scratch));
            Map<String, NDArray> first = new LinkedHashMap<>();
            Map<String, NDArray> second = new LinkedHashMap<>();
            Map<String, String> metadata = SafeTensors.forEach(optimizerFile, (name, t) -> {
                if (name.startsWith(PARAM)) {
                    copyInto(parameters.get(name.substring(PARAM.length())), t, scratch);
                } else {
                    boolean isFirst = name.startsWith(FIRST_MOMENT);
                    String p = name.substring((isFirst ? FIRST_MOMENT : SECOND_MOMENT).length());
                    (isFirst ? first : second).put(p, t.toNDArray(scratch).toDevice(parameters.get(p).getArray().getDevice(), false));
                }
            });
            String steps = metadata.get(OPTIMIZER_STEPS_KEY);
            if (steps == null) {
                throw new IllegalArgumentException(optimizerFile + " has no " + OPTIMIZER_STEPS_KEY + " in its metadata");
            }
            optimizer.restore(Long.parseLong(steps), first, second);
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
        }
    }

    /** Every parameter once (model file or param.*), same shape and type; moments only of parameters, in pairs. */
    private static void checkMatches(Path checkpoint, Map<String, Parameter> parameters, Path modelFile,
                                     Path optimizerFile) throws IOException {
        Map<String, SafeTensors.TensorInfo> stored = new LinkedHashMap<>();
        SafeTensors.readInfo(modelFile).forEach(info -> stored.put(info.name(), info));
        Set<String> first = new TreeSet<>();
        Set<String> second = new TreeSet<>();
        for (SafeTensors.TensorInfo info : SafeTensors.readInfo(optimizerFile)) {
            String name = info.name();
            if (name.startsWith(PARAM)) {
                stored.put(name.substring(PARAM.length()), info);
            } else if (name.startsWith(FIRST_MOMENT)) {
                first.add(name.substring(FIRST_MOMENT.length()));
            } else if (name.startsWith(SECOND_MOMENT)) {
                second.add(name.substring(SECOND_MOMENT.length()));
            } else {
                throw new IllegalArgumentException(optimizerFile + ": unexpected entry " + name);
            }
        }
        if (!stored.keySet().equals(parameters.keySet())) {
            Set<String> missing = new TreeSet<>(parameters.keySet());
            missing.removeAll(stored.keySet());
            Set<String> extra = new TreeSet<>(stored.keySet());
            extra.removeAll(parameters.keySet());
            throw new IllegalArgumentException("checkpoint " + checkpoint + " does not match the model: missing "
                    + missing + ", unexpected " + extra);
        }
        if (!first.equals(second) || !parameters.keySet().containsAll(first)) {
            throw new IllegalArgumentException(optimizerFile + ": AdamW moments " + first + " / " + second
                    + " do not pair up with the model's parameters");
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            SafeTensors.TensorInfo info = stored.get(e.getKey());
            NDArray target = e.getValue().getArray();
            if (!Arrays.equals(info.shape(), target.getShape().getShape())
                    || info.dtype() != DType.fromDjl(target.getDataType())) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + ": " + e.getKey() + " is "
                        + Arrays.toString(info.shape()) + " " + info.dtype() + ", model has " + target.getShape()
                        + " " + target.getDataType());
            }
        }
    }

    private static void copyInto(Parameter parameter, Tensor value, NDManager scratch) {
        NDArray target = parameter.getArray();
        try (NDManager one = scratch.newSubManager()) {
            target.set(value.toNDArray(one).toDevice(target.getDevice(), false).toByteBuffer());
        }
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(list());
        while (all.size() > keep) {
            deleteTree(all.remove(0));
        }
    }

    static long stepOf(Path checkpoint) {
        return CheckpointLayout.stepOf(checkpoint)
                .orElseThrow(() -> new IllegalArgumentException("not a checkpoint directory name: " + checkpoint));
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries (new names, the rename) to disk where the OS allows opening a directory. */
    private static void forceDirectory(Path dir) {
        try {
            force(dir);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {} on this OS: {}", dir, e.toString()); // e.g. Windows
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
