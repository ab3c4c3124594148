package io.dihit.core.data;

/**
 * Turns a caption into a token row (e.g. {@code caption -> tokenizer.tokenize(caption, 77)}).
 * The loader calls it from its consuming thread only, so it need not be thread-safe. Throwing
 * {@link RuntimeException} skips the sample (counted as {@link SkipReason#CAPTION_ENCODING_FAILED}).
 */
@FunctionalInterface
public interface CaptionEncoder {
    int[] encode(String caption);
}
