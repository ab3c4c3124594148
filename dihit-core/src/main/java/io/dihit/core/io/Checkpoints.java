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
 * {@code .ckpt}, open_clip, training checkpoints wrapping a state dict) and saves them as safetensors.
 * The format is recognised from the file's first bytes, not its name.
 */
public final class Checkpoints {
    /** Metadata key under which {@link #saveSafetensors} records the model config as JSON. */
    public static final String CONFIG_METADATA_KEY = "dihit.config";

    private Checkpoints() {
    }

    /** The state dict of a file, keys normalised (wrappers removed), values as stored. */
    public static Map<String, Tensor> readStateDict(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException("checkpoint not found: " + path);
        }
        byte[] magic = firstBytes(path, 2);
        if (magic.length == 2 && magic[0] == 'P' && magic[1] == 'K') {
            return StateDicts.fromCheckpointObject(TorchZipReader.read(path), path.toString());
        }
        if (magic.length == 2 && (magic[0] & 0xff) == 0x80 && magic[1] <= 5) {
            throw new CheckpointFormatException(path + ": legacy (pre-1.6) torch.save pickle format is not supported;"
                    + " re-save it with a current PyTorch or convert it to safetensors");
        }
        return StateDicts.stripWrapperPrefixes(SafeTensors.read(path));
    }

    /**
     * Copies a checkpoint into an initialised model.
     *
     * @param strict if true, any missing, unexpected or mis-shaped key fails the load (nothing is changed)
     *               with an exception naming every such key; if false, matching keys are loaded and the rest reported
     */
    public static LoadReport load(Path path, ClipModel model, boolean strict) throws IOException {
        if (!model.isInitialized()) {
            throw new IllegalStateException("call model.initializeParameters(manager) before loading " + path
                    + " (weights are copied into the model's arrays, on their device)");
        }
        Map<String, Tensor> stateDict = readStateDict(path);
        StateDicts.requireActivationChosen(stateDict, model.config(), path);
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
        LoadReport report = new LoadReport(path.toString(), loaded, missing, unexpected, mismatched, ignored);
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
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((key, p) -> tensors.put(key, Tensor.of(p.getArray())));
        SafeTensors.write(path, tensors, Map.of(CONFIG_METADATA_KEY, model.config().toJson()));
    }

    /** The config {@link #saveSafetensors} stored in a file, if any. */
    public static Optional<ClipConfig> readConfig(Path safetensors) throws IOException {
        String json = SafeTensors.readContents(safetensors).metadata().get(CONFIG_METADATA_KEY);
        return json == null ? Optional.empty() : Optional.of(ClipConfig.fromJson(json));
    }

    private static byte[] firstBytes(Path path, int n) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        }
    }

}
