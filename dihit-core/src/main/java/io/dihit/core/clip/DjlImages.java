package io.dihit.core.clip;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;

import java.awt.image.BufferedImage;
import java.util.Random;

/** DJL images into the preprocessed pixels a Clip's image tower takes. */
final class DjlImages {
    private DjlImages() {
    }

    /** (3, size, size) normalised floats of one image, as {@link Clip#encodeImages} preprocesses it. */
    static NDArray pixels(Clip clip, NDManager manager, Image image) {
        float[] chw = clip.preprocessor().apply(toRgb(manager, image), new Random(0)); // evaluation: rng unused
        return manager.create(chw, clip.model().imageShape(1).slice(1));
    }

    private static RgbImage toRgb(NDManager manager, Image image) {
        if (image.getWrappedImage() instanceof BufferedImage buffered) {
            return ImageDecoder.toRgb(buffered); // the same conversion as Clip.encodeImages
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray hwc = image.toNDArray(scope, Image.Flag.COLOR).toType(DataType.UINT8, false);
            return new RgbImage(image.getWidth(), image.getHeight(), hwc.toByteArray());
        }
    }
}
