package io.dihit.core.clip;

import ai.djl.Device;
import io.dihit.core.text.ClipTokenizer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How {@link Clip#load} builds a Clip: the device, the batch size of every encode call and where the tokenizer
 * comes from (the CLIP BPE merges file, e.g. {@code bpe_simple_vocab_16e6.txt.gz}, or a ready ClipTokenizer;
 * without either the Clip encodes images only).
 * <pre>{@code
 * ClipOptions options = ClipOptions.defaults().withDevice(Device.gpu()).withBatchSize(128).withTokenizer(merges);
 * }</pre>
 *
 * @param device where the model runs; null for the engine's default device (a GPU when there is one)
 * @param batchSize images or texts per forward pass
 * @param mergesOrNull the merges file to build the tokenizer from, or null
 * @param tokenizerOrNull a tokenizer to use as it is, or null
 */
public record ClipOptions(Device device, int batchSize, Path mergesOrNull, ClipTokenizer tokenizerOrNull) {
    public ClipOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (mergesOrNull != null && tokenizerOrNull != null) {
            throw new IllegalArgumentException("give the tokenizer either as a merges file or as a ClipTokenizer, not both");
        }
    }

    /** The engine's default device, {@link Clip#DEFAULT_BATCH_SIZE}, no tokenizer. */
    public static ClipOptions defaults() {
        return new ClipOptions(null, Clip.DEFAULT_BATCH_SIZE, null, null);
    }

    public ClipOptions withDevice(Device newDevice) {
        return new ClipOptions(newDevice, batchSize, mergesOrNull, tokenizerOrNull);
    }

    public ClipOptions withBatchSize(int newBatchSize) {
        return new ClipOptions(device, newBatchSize, mergesOrNull, tokenizerOrNull);
    }

    /** Tokenizer from the CLIP BPE merges file (.txt or .txt.gz), read when the Clip is loaded. */
    public ClipOptions withTokenizer(Path merges) {
        return new ClipOptions(device, batchSize, merges, null);
    }

    public ClipOptions withTokenizer(ClipTokenizer tokenizer) {
        return new ClipOptions(device, batchSize, null, tokenizer);
    }

    /** The tokenizer these options name, or null. */
    ClipTokenizer tokenizer() throws IOException {
        return mergesOrNull != null ? ClipTokenizer.fromMerges(mergesOrNull) : tokenizerOrNull;
    }
}
