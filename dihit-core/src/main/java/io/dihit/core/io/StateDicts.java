package io.dihit.core.io;

import io.dihit.core.model.ClipConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a checkpoint file holds into a flat DiHT / open_clip state dict: unwraps training
 * checkpoints ({@code {"state_dict": {...}, "epoch": ..}}) and strips wrapper prefixes such as
 * DistributedDataParallel's {@code module.} or torch.compile's {@code _orig_mod.}.
 */
final class StateDicts {
    /** Keys under which training scripts commonly nest the model weights, in order of preference. */
    static final List<String> WRAPPER_KEYS = List.of("state_dict", "model_state_dict", "model", "module", "net", "ema");
    /** Prefixes stripped when every key carries them. */
    static final List<String> WRAPPER_PREFIXES = List.of("module.", "_orig_mod.", "model.");
    /** Entries that OpenAI's CLIP checkpoints carry beside the weights: they mark a QuickGELU model. */
    static final Set<String> OPENAI_ENTRIES = Set.of("input_resolution", "context_length", "vocab_size");
    /** Entries of OpenAI-style checkpoints that are not parameters. */
    static final Set<String> NON_PARAMETER_KEYS = Set.of("input_resolution", "context_length", "vocab_size", "attn_mask");

    private StateDicts() {
    }

    /**
     * @param root the unpickled top-level object (a map) of a checkpoint
     * @return name -> tensor
     */
    public static Map<String, Tensor> fromCheckpointObject(Object root, String source) throws CheckpointFormatException {
        Object current = root;
        while (current instanceof Map<?, ?> map && !containsTensor(map)) {
            Object inner = null;
            for (String key : WRAPPER_KEYS) {
                if (map.get(key) instanceof Map<?, ?>) {
                    inner = map.get(key);
                    break;
                }
            }
            if (inner == null) {
                throw new CheckpointFormatException(source + ": no tensors at the top level and none of the wrapper keys "
                        + WRAPPER_KEYS + " holds a state dict; top-level keys: " + map.keySet());
            }
            current = inner;
        }
        if (!(current instanceof Map<?, ?> map)) {
            throw new CheckpointFormatException(source + ": checkpoint holds a " + describe(current) + ", not a state dict");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new CheckpointFormatException(source + ": state dict key " + e.getKey() + " is not a string");
            }
            if (e.getValue() instanceof Tensor t) {
                tensors.put(key, t);
            } else if (OPENAI_ENTRIES.contains(key) && e.getValue() instanceof Number n) {
                // kept (as a scalar) so that the loader can recognise the file as OpenAI-style
                tensors.put(key, Tensor.ofLongs(new long[] {n.longValue()}));
            } else if (!NON_PARAMETER_KEYS.contains(key)) {
                throw new CheckpointFormatException(source + ": state dict entry '" + key + "' is a "
                        + describe(e.getValue()) + ", not a tensor");
            }
        }
        return stripWrapperPrefixes(tensors);
    }

    /**
     * Whether a state dict comes from an OpenAI-style checkpoint (OpenAI CLIP, open_clip's {@code -quickgelu}
     * models): it carries {@code input_resolution}, {@code context_length} or {@code vocab_size} entries.
     */
    public static boolean isOpenAiStyle(Map<String, Tensor> stateDict) {
        return OPENAI_ENTRIES.stream().anyMatch(stateDict::containsKey);
    }

    /**
     * Refuses an OpenAI-style state dict for a config that did not choose its activation
     * ({@link ClipConfig#activationChosen()}): such weights were trained with QuickGELU, and exact GELU would
     * give wrong features without any error.
     */
    public static void requireActivationChosen(Map<String, Tensor> stateDict, ClipConfig config, Object source)
            throws CheckpointFormatException {
        if (isOpenAiStyle(stateDict) && !config.activationChosen()) {
            throw new CheckpointFormatException(source + " is an OpenAI-style CLIP checkpoint (it has input_resolution /"
                    + " context_length / vocab_size entries), so its weights were most likely trained with QuickGELU"
                    + " (x * sigmoid(1.702 x)), but the model config does not say which activation it wants. Choose:"
                    + " a built-in name ending in " + ClipConfig.QUICK_GELU_SUFFIX + " (e.g. diht_vitb32_224px"
                    + ClipConfig.QUICK_GELU_SUFFIX + "), \"quick_gelu\": true in the config JSON, or"
                    + " config.withActivation(Activation.QUICK_GELU); \"quick_gelu\": false only if these weights"
                    + " really use exact GELU");
        }
    }

    /** Removes a prefix such as {@code module.} when every key has it (repeatedly, e.g. {@code module._orig_mod.}). */
    public static Map<String, Tensor> stripWrapperPrefixes(Map<String, Tensor> tensors) {
        Map<String, Tensor> current = tensors;
        boolean changed = true;
        while (changed && !current.isEmpty()) {
            changed = false;
            for (String prefix : WRAPPER_PREFIXES) {
                if (current.keySet().stream().allMatch(k -> k.startsWith(prefix))) {
                    Map<String, Tensor> stripped = new LinkedHashMap<>();
                    current.forEach((k, v) -> stripped.put(k.substring(prefix.length()), v));
                    current = stripped;
                    changed = true;
                }
            }
        }
        return current;
    }

    private static boolean containsTensor(Map<?, ?> map) {
        return map.values().stream().anyMatch(v -> v instanceof Tensor);
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
