package io.dihit.core.clip;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.dihit.core.model.ClipModel;

/**
 * Text -> normalised CLIP embedding, for a Predictor of {@link Clip#textModel()} (the Clip needs a tokenizer):
 * <pre>{@code
 * try (Predictor<String, float[]> predictor = clip.textModel().newPredictor(new TextEmbeddingTranslator(clip))) {
 *     float[] embedding = predictor.predict("a photo of a cat");
 * }
 * }</pre>
 * Results equal {@link Clip#encodeTexts}.
 */
public final class TextEmbeddingTranslator implements Translator<String, float[]> {
    private final Clip clip;

    public TextEmbeddingTranslator(Clip clip) {
        clip.tokenizer(); // fails now, with how to fix it, when the Clip has none
        this.clip = clip;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String input) {
        int[] row = clip.tokenizer().tokenize(input, clip.config().text().contextLength());
        return new NDList(ctx.getNDManager().create(row));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return ClipModel.normalize(list.singletonOrThrow()).toFloatArray();
    }
}
