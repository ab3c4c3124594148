package io.dihit.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The causal text transformer, with DiHT's field names ({@code text_cfg} in the zoo configs). The MLP
 * ratio is 4 as in DiHT; text features are pooled at the position of the largest token id.
 *
 * @param contextLength tokens per row
 * @param vocabSize token embedding rows
 * @param width transformer width
 * @param heads attention heads; must divide {@code width}
 * @param layers number of residual attention blocks
 */
public record TextConfig(
        @JsonProperty("context_length") int contextLength,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("width") int width,
        @JsonProperty("heads") int heads,
        @JsonProperty("layers") int layers) {

    public static final double MLP_RATIO = 4.0;

    @JsonCreator
    public TextConfig {
        Checks.positive("text.context_length", contextLength);
        Checks.positive("text.vocab_size", vocabSize);
        Checks.positive("text.width", width);
        Checks.positive("text.heads", heads);
        Checks.positive("text.layers", layers);
        if (width % heads != 0) {
            throw new IllegalArgumentException("text.width " + width + " is not a multiple of text.heads " + heads);
        }
    }

    /** This config with another vocabulary size, e.g. that of a BPE vocabulary trained on one's own captions. */
    public TextConfig withVocabSize(int newVocabSize) {
        return new TextConfig(contextLength, newVocabSize, width, heads, layers);
    }

    public TextConfig withContextLength(int newContextLength) {
        return new TextConfig(newContextLength, vocabSize, width, heads, layers);
    }

    public int mlpWidth() {
        return (int) (width * MLP_RATIO);
    }
}
