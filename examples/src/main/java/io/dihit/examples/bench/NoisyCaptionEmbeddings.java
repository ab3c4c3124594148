package io.dihit.examples.bench;

import java.util.Random;

/**
 * Random image embeddings with captions that are noisy copies of their image (caption = image + noise *
 * N(0, 1) per dimension), so retrieval recalls are neither 0 nor 1. {@code captionOwner[t]} is the image of
 * caption t; captions of image i are i * perImage ... i * perImage + perImage - 1.
 */
public record NoisyCaptionEmbeddings(float[][] images, float[][] captions, int[] captionOwner) {

    public static NoisyCaptionEmbeddings generate(int images, int perImage, int dim, float noise, long seed) {
        Random rnd = new Random(seed);
        float[][] img = new float[images][dim];
        float[][] txt = new float[images * perImage][dim];
        int[] owner = new int[txt.length];
        for (int i = 0; i < images; i++) {
            for (int d = 0; d < dim; d++) {
                img[i][d] = (float) rnd.nextGaussian();
            }
            for (int j = 0; j < perImage; j++) {
                int t = i * perImage + j;
                owner[t] = i;
                for (int d = 0; d < dim; d++) {
                    txt[t][d] = img[i][d] + noise * (float) rnd.nextGaussian();
                }
            }
        }
        return new NoisyCaptionEmbeddings(img, txt, owner);
    }
}
