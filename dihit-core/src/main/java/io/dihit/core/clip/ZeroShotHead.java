package io.dihit.core.clip;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot classes as CLIP builds them: each class name is put into every prompt template, the normalised text
 * embeddings are averaged and normalised again; an image's probabilities are the softmax of
 * logit multiplier * cosine similarity to each class.
 */
public final class ZeroShotHead {
    /** CLIP's single prompt. */
    public static final String DEFAULT_TEMPLATE = "a photo of a {}.";
    private static final String PLACEHOLDER = "{}";

    private final List<String> classNames;
    private final float[][] classEmbeddings;
    private final double logitMultiplier;

    private ZeroShotHead(List<String> classNames, float[][] classEmbeddings, double logitMultiplier) {
        this.classNames = classNames;
        this.classEmbeddings = classEmbeddings;
        this.logitMultiplier = logitMultiplier;
    }

    /**
     * Encodes every (template, class) prompt with {@code clip}.
     *
     * @param templates each containing {@code {}} exactly once, e.g. {@link #DEFAULT_TEMPLATE}
     */
    public static ZeroShotHead build(Clip clip, List<String> classNames, List<String> templates) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("zero-shot classification needs at least one class name");
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("zero-shot classification needs at least one prompt template");
        }
        for (String t : templates) {
            int first = t.indexOf(PLACEHOLDER);
            if (first < 0 || t.indexOf(PLACEHOLDER, first + 1) >= 0) {
                throw new IllegalArgumentException("prompt template '" + t + "' must contain {} exactly once");
            }
        }
        List<String> prompts = new ArrayList<>(classNames.size() * templates.size());
        for (String name : classNames) {
            for (String t : templates) {
                prompts.add(t.replace(PLACEHOLDER, name));
            }
        }
        float[][] promptEmbeddings = clip.encodeTexts(prompts);
        float[][] classEmbeddings = new float[classNames.size()][];
        for (int c = 0; c < classNames.size(); c++) {
            float[] mean = new float[promptEmbeddings[0].length];
            for (int t = 0; t < templates.size(); t++) {
                float[] e = promptEmbeddings[c * templates.size() + t];
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += e[k];
                }
            }
            classEmbeddings[c] = normalised(mean);
        }
        return new ZeroShotHead(List.copyOf(classNames), classEmbeddings, clip.logitMultiplier());
    }

    public List<String> classNames() {
        return classNames;
    }

    /** One prediction per normalised image embedding. */
    public List<ZeroShotPrediction> predict(float[][] imageEmbeddings) {
        List<ZeroShotPrediction> out = new ArrayList<>(imageEmbeddings.length);
        for (float[] image : imageEmbeddings) {
            out.add(predict(image));
        }
        return out;
    }

    public ZeroShotPrediction predict(float[] imageEmbedding) {
        double[] logits = new double[classEmbeddings.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logits.length; c++) {
            float[] w = classEmbeddings[c];
            if (w.length != imageEmbedding.length) {
                throw new IllegalArgumentException("image embedding has " + imageEmbedding.length + " values, classes have " + w.length);
            }
            double dot = 0;
            for (int k = 0; k < w.length; k++) {
                dot += (double) w[k] * imageEmbedding[k];
            }
            logits[c] = logitMultiplier * dot;
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
        return new ZeroShotPrediction(classNames, logits);
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) (v[k] * scale);
        }
        return out;
    }
}
