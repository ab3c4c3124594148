package io.dihit.eval;

import io.dihit.core.data.Skip;
import io.dihit.core.image.RgbImage;
import io.dihit.eval.data.ImageSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A model-free baseline representation: each image's grey levels (channel mean / 255) as a vector. All readable
 * images must have the same size. On Fashion-MNIST this is the classic pixel logistic-regression baseline.
 */
final class PixelFeatures {
    private PixelFeatures() {}

    /**
     * The grey levels of every readable image. An unreadable image (missing, empty, not an image, corrupt) is a
     * counted skip, as on the model's path: reported to {@code onSkip} (position = its index, id, reason, detail)
     * and left out of the rows. Images of another size than the first readable one are an error.
     */
    public static ImageFeatures of(ImageSet images, Consumer<Skip> onSkip) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        int w = -1;
        int h = -1;
        for (int i = 0; i < images.size(); i++) {
            RgbImage img;
            try {
                img = images.image(i);
            } catch (IOException e) {
                Skip s = SkippingImages.skipOf(i, images.id(i), e);
                skipped.add(s);
                onSkip.accept(s);
                continue;
            }
            if (w < 0) {
                w = img.width();
                h = img.height();
            } else if (img.width() != w || img.height() != h) {
                throw new IOException("pixel features need one image size: " + images.id(i) + " is " + img.width() + "x"
                        + img.height() + ", the first image " + w + "x" + h);
            }
            float[] f = new float[w * h];
            byte[] rgb = img.rgb();
            for (int p = 0; p < f.length; p++) {
                f[p] = ((rgb[3 * p] & 0xFF) + (rgb[3 * p + 1] & 0xFF) + (rgb[3 * p + 2] & 0xFF)) / (3 * 255f);
            }
            rows.add(f);
            kept.add(i);
        }
        return new ImageFeatures(rows.toArray(float[][]::new), kept.stream().mapToInt(Integer::intValue).toArray(),
                skipped);
    }
}
