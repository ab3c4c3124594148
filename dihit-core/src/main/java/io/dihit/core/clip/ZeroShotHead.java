package io.dihit.core.clip;

import java.util.ArrayList;
import java.util.Arrays;
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
        int t = templates.size();
        float[][] classEmbeddings = new float[classNames.size()][];
        for (int c = 0; c < classNames.size(); c++) {
            classEmbeddings[c] = classEmbedding(Arrays.copyOfRange(promptEmbeddings, c * t, (c + 1) * t));
        }
        return new ZeroShotHead(List.copyOf(classNames), classEmbeddings, clip.logitMultiplier());
    }

    /**
     * CLIP's class vector from the embeddings of one class's prompts (any scale): each is L2-normalised, they are
     * averaged and the mean is normalised again.
     */
    public static float[] classEmbedding(float[][] promptEmbeddings) {
        if (promptEmbeddings.length == 0) {
            throw new IllegalArgumentException("a class needs at least one prompt embedding");
        }
        double[] mean = new double[promptEmbeddings[0].length];
        for (float[] e : promptEmbeddings) {
            if (e.length != mean.length) {
                throw new IllegalArgumentException("prompt embeddings of one class differ in length: " + e.length + " vs " + mean.length);
            }
            double norm = 0;
            for (float x : e) {
                norm += (double) x * x;
            }
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("cannot normalise a prompt embedding of squared norm " + norm);
            }
            double inv = 1 / Math.sqrt(norm);
            for (int k = 0; k < mean.length; k++) {
                mean[k] += e[k] * inv;
            }
        }
        double norm = 0;
        for (double x : mean) {
            norm += x * x;
        }
        double inv = 1 / Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[mean.length];
        for (int k = 0; k < mean.length; k++) {
            out[k] = (float) (mean[k] * inv);
        }
        return out;
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
}
