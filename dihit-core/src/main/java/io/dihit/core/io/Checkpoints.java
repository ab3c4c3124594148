package io.dihit.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@link ClipModel} weights from safetensors or PyTorch {@code torch.save} files (official DiHT
 * {@code .ckpt}, open_clip, training checkpoints wrapping a state dict), from dihit training checkpoints
 * and run directories ({@link #resolveModelFile}), and saves them as safetensors. A file's format is
 * recognised from its first bytes, not its name.
 */
public final class Checkpoints {
    /** Metadata key under which {@link #saveSafetensors} records the model config as JSON. */
    public static final String CONFIG_METADATA_KEY = "dihit.config";

    private Checkpoints() {
    }

    /**
     * The model file a path stands for: a file as it is (a torch.save zip or safetensors); for a training
     * checkpoint {@code checkpoints/step-<N>/} its {@value CheckpointLayout#MODEL_FILE}; for a run directory
     * its {@value CheckpointLayout#MODEL_FILE} (the final model), unless its newest checkpoint's model file
     * was written later (the run went on after a model file was written at a stop: the newest weights win;
     * a finished run's last checkpoint holds the final model's weights anyway), else that checkpoint's.
     *
     * @throws FileNotFoundException when nothing is there, naming what was looked for
     * @throws CheckpointFormatException for checkpoints of the earlier {@code step-<N>.ckpt} format
     */
    public static Path resolveModelFile(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            if (isZip(path) && CheckpointLayout.isLegacyCheckpointFile(path)) {
                throw new CheckpointFormatException(CheckpointLayout.legacyFormatMessage(path));
            }
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new FileNotFoundException("checkpoint not found: " + path);
        }
        Path model = path.resolve(CheckpointLayout.MODEL_FILE);
        Optional<Path> latest = CheckpointLayout.latest(path);
        if (latest.isPresent()) {
            Path file = latest.get().resolve(CheckpointLayout.MODEL_FILE);
            if (!Files.isRegularFile(file)) {
                throw new FileNotFoundException("the latest training checkpoint " + latest.get() + " has no "
                        + CheckpointLayout.MODEL_FILE + " (was it written by dihit?)");
            }
            boolean newer = !Files.isRegularFile(model)
                    || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(model)) > 0;
            return newer ? file : model;
        }
        if (Files.isRegularFile(model)) {
            return model;
        }
        if (!CheckpointLayout.legacyCheckpoints(path).isEmpty()) {
            throw new CheckpointFormatException(CheckpointLayout.legacyFormatMessage(path));
        }
        throw new FileNotFoundException(path + " is a directory without " + CheckpointLayout.MODEL_FILE + " or "
                + CheckpointLayout.CHECKPOINTS_DIR + "/step-<N>/" + CheckpointLayout.MODEL_FILE + "; give a model file"
                + " (.safetensors, or a torch.save .pt/.bin/.ckpt), a training checkpoint directory"
                + " (<run_dir>/checkpoints/step-<N>) or a run directory");
    }

    /** The state dict {@code path} stands for ({@link #resolveModelFile}), keys normalised (wrappers removed), values as stored. */
    public static Map<String, Tensor> readStateDict(Path path) throws IOException {
        Path file = resolveModelFile(path);
        if (isZip(file)) {
            return StateDicts.fromCheckpointObject(TorchZipReader.read(file), file.toString());
        }
        byte[] magic = firstBytes(file, 2);
        if (magic.length == 2 && (magic[0] & 0xff) == 0x80 && magic[1] <= 5) {
            throw new CheckpointFormatException(file + ": legacy (pre-1.6) torch.save pickle format is not supported;"
                    + " re-save it with a current PyTorch or convert it to safetensors");
        }
        return StateDicts.stripWrapperPrefixes(SafeTensors.read(file));
    }

    /**
     * Copies a checkpoint (any path {@link #resolveModelFile} accepts) into an initialised model.
     *
     * @param strict if true, any missing, unexpected or mis-shaped key fails the load (nothing is changed)
     *               with an exception naming every such key; if false, matching keys are loaded and the rest reported
     */
    public static LoadReport load(Path path, ClipModel model, boolean strict) throws IOException {
        if (!model.isInitialized()) {
            throw new IllegalStateException("call model.initializeParameters(manager) before loading " + path
                    + " (weights are copied into the model's arrays, on their device)");
        }
        Path file = resolveModelFile(path);
        Map<String, Tensor> stateDict = readStateDict(file);
        StateDicts.requireActivationChosen(stateDict, model.config(), file);
        Map<String, Parameter> params = model.namedParameters();
        List<String> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = stateDict.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!t.djlShape().equals(e.getValue().getShape())) {
                mismatched.add(e.getKey() + ": checkpoint " + Arrays.toString(t.shape()) + " vs model "
                        + e.getValue().getShape());
            } else {
                loaded.add(e.getKey());
            }
        }
        for (String key : stateDict.keySet()) {
            if (!params.containsKey(key)) {
                (StateDicts.NON_PARAMETER_KEYS.contains(key) ? ignored : unexpected).add(key);
            }
        }
        LoadReport report = new LoadReport(file.toString(), loaded, missing, unexpected, mismatched, ignored);
        if (strict && !report.isExact()) {
            throw new CheckpointMismatchException(report);
        }
        for (String key : loaded) {
            copyInto(params.get(key), stateDict.get(key), key);
        }
        return report;
    }

    private static void copyInto(Parameter p, Tensor t, String key) {
        NDArray array = p.getArray();
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("parameter " + key + " is " + array.getDataType()
                    + "; checkpoints load into float32 models");
        }
        array.set(FloatBuffer.wrap(t.toFloats()));
    }

    /** Writes every parameter as F32, keyed by its DiHT state-dict name, with the config in the metadata. */
    public static void saveSafetensors(ClipModel model, Path path) throws IOException {
        saveSafetensors(model, path, null);
    }

    /**
     * As {@link #saveSafetensors(ClipModel, Path)}, with where the weights came from in the metadata too
     * ({@link Provenance#read} reads it back); null provenance writes the config only.
     */
    public static void saveSafetensors(ClipModel model, Path path, Provenance provenance) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((key, p) -> tensors.put(key, Tensor.of(p.getArray())));
        SafeTensors.write(path, tensors, modelMetadata(model.config(), provenance));
    }

    /** The metadata of a dihit model file: the config ({@value #CONFIG_METADATA_KEY}) and, if given, the provenance. */
    public static Map<String, String> modelMetadata(ClipConfig config, Provenance provenance) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(CONFIG_METADATA_KEY, config.toJson());
        if (provenance != null) {
            metadata.putAll(provenance.toMetadata());
        }
        return metadata;
    }

    /**
     * The config {@link #saveSafetensors} stored with the weights {@code path} stands for ({@link #resolveModelFile});
     * empty for torch.save files and safetensors without one.
     */
    public static Optional<ClipConfig> readConfig(Path path) throws IOException {
        Path file = resolveModelFile(path);
        if (isZip(file)) {
            return Optional.empty();
        }
        String json = SafeTensors.readMetadata(file).get(CONFIG_METADATA_KEY);
        return json == null ? Optional.empty() : Optional.of(ClipConfig.fromJson(json));
    }

    private static boolean isZip(Path file) throws IOException {
        byte[] magic = firstBytes(file, 2);
        return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
    }

    private static byte[] firstBytes(Path path, int n) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        }
    }

}
