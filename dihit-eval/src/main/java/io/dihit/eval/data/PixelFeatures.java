package io.dihit.eval.data;

import io.dihit.core.image.RgbImage;
import java.io.IOException;

/**
 * A model-free baseline representation: each image's grey levels (channel mean / 255) as a vector. All images
 * must have the same size. On Fashion-MNIST this is the classic pixel logistic-regression baseline.
 */
public final class PixelFeatures {
    private PixelFeatures() {}

    public static float[][] of(ImageSet images) throws IOException {
        float[][] out = new float[images.size()][];
        int w = -1;
        int h = -1;
        for (int i = 0; i < out.length; i++) {
            RgbImage img = images.image(i);
            if (i == 0) {
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
            out[i] = f;
        }
        return out;
    }
}
