package io.dihit.examples.demo;

import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.image.RgbImage;
import io.dihit.eval.data.FashionMnist;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fashion-MNIST images as model input: inverted so the garment is dark on white like the emoji the
 * models were trained on, then dihit-core's evaluation preprocessing (bicubic resize, CLIP normalisation).
 */
public final class FashionMnistPixels {

    private FashionMnistPixels() {
    }

    public static RgbImage inverted(RgbImage image) {
        byte[] rgb = image.rgb().clone();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (255 - (rgb[i] & 0xFF));
        }
        return new RgbImage(image.width(), image.height(), rgb);
    }

    /** The first {@code count} images as one CHW float buffer. */
    public static float[] preprocess(FashionMnist data, int count, int size) {
        if (count > data.size()) {
            throw new IllegalArgumentException("asked for " + count + " of " + data.size() + " images");
        }
        ImagePreprocessor preprocessor = ImagePreprocessor.evaluation(size);
        int per = preprocessor.floatsPerImage();
        float[] out = new float[count * per];
        IntStream.range(0, count).parallel()
                .forEach(i -> preprocessor.applyInto(inverted(data.image(i)), new Random(0), out, i * per));
        return out;
    }
}
