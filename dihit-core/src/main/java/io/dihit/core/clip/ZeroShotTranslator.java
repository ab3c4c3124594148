package io.dihit.core.clip;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.dihit.core.model.ClipModel;

import java.util.Arrays;
import java.util.List;

/**
 * DJL image -> Classifications over class names given up front, for a Predictor of {@link Clip#imageModel()}.
 * The class prompts are encoded once, when the translator is built; probabilities equal {@link Clip#zeroShot}.
 * <pre>{@code
 * ZeroShotTranslator translator = new ZeroShotTranslator(clip, List.of("cat", "dog"));
 * try (Predictor<Image, Classifications> predictor = clip.imageModel().newPredictor(translator)) {
 *     Classifications result = predictor.predict(image);
 * }
 * }</pre>
 */
public final class ZeroShotTranslator implements Translator<Image, Classifications> {
    private final Clip clip;
    private final ZeroShotHead head;

    /** With CLIP's prompt {@value ZeroShotHead#DEFAULT_TEMPLATE}. */
    public ZeroShotTranslator(Clip clip, List<String> classNames) {
        this(clip, classNames, List.of(ZeroShotHead.DEFAULT_TEMPLATE));
    }

    public ZeroShotTranslator(Clip clip, List<String> classNames, List<String> templates) {
        this.clip = clip;
        this.head = ZeroShotHead.build(clip, classNames, templates);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        return new NDList(DjlImages.pixels(clip, ctx.getNDManager(), input));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        double[] probabilities = head.predict(ClipModel.normalize(list.singletonOrThrow()).toFloatArray()).probabilities();
        return new Classifications(head.classNames(), Arrays.stream(probabilities).boxed().toList());
    }
}
