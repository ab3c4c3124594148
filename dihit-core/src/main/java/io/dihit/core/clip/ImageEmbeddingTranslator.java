package io.dihit.core.clip;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.dihit.core.model.ClipModel;

/**
 * DJL image -> normalised CLIP embedding, for a Predictor of {@link Clip#imageModel()}:
 * <pre>{@code
 * try (Predictor<Image, float[]> predictor = clip.imageModel().newPredictor(new ImageEmbeddingTranslator(clip))) {
 *     float[] embedding = predictor.predict(ImageFactory.getInstance().fromFile(path));
 * }
 * }</pre>
 * Preprocessing and results equal {@link Clip#encodeImages}.
 */
public final class ImageEmbeddingTranslator implements Translator<Image, float[]> {
    private final Clip clip;

    public ImageEmbeddingTranslator(Clip clip) {
        this.clip = clip;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        return new NDList(DjlImages.pixels(clip, ctx.getNDManager(), input));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return ClipModel.normalize(list.singletonOrThrow()).toFloatArray();
    }
}
