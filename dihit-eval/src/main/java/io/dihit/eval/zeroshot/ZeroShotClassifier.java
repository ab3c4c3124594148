package io.dihit.eval.zeroshot;

import io.dihit.core.clip.ZeroShotHead;
import io.dihit.eval.embed.TextEncoder;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.metrics.ClassificationMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP-style zero-shot classifier: per class, the mean of the L2-normalised embeddings of its prompts
 * (class name x templates), renormalised ({@link ZeroShotHead#classEmbedding}, as core's Clip.zeroShot). An image's score for a class is the cosine between its embedding
 * and that class vector.
 */
public final class ZeroShotClassifier {
    private final List<String> classNames;
    private final float[][] weights;

    private ZeroShotClassifier(List<String> classNames, float[][] weights) {
        this.classNames = List.copyOf(classNames);
        this.weights = weights;
    }

    /** Encodes every class x template prompt in one call to the encoder (it batches) and averages per class. */
    public static ZeroShotClassifier build(List<String> classNames, PromptTemplates templates, TextEncoder encoder) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("no class names");
        }
        List<String> prompts = new ArrayList<>();
        for (String c : classNames) {
            prompts.addAll(templates.apply(c));
        }
        float[][] embedded = encoder.encode(prompts);
        if (embedded.length != prompts.size()) {
            throw new IllegalStateException("encoder returned " + embedded.length + " rows for " + prompts.size() + " prompts");
        }
        int t = templates.size();
        float[][][] perClass = new float[classNames.size()][t][];
        for (int c = 0; c < classNames.size(); c++) {
            for (int j = 0; j < t; j++) {
                perClass[c][j] = embedded[c * t + j];
            }
        }
        return fromPromptEmbeddings(classNames, perClass);
    }

    /** From prompt embeddings already computed: {@code perClass[class][template] = embedding}. */
    public static ZeroShotClassifier fromPromptEmbeddings(List<String> classNames, float[][][] perClass) {
        if (classNames.size() != perClass.length) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + perClass.length + " classes");
        }
        float[][] w = new float[perClass.length][];
        for (int c = 0; c < perClass.length; c++) {
            Vectors.requireRectangular(perClass[c], "prompt embeddings of class '" + classNames.get(c) + "'");
            w[c] = ZeroShotHead.classEmbedding(perClass[c]);
        }
        Vectors.requireRectangular(w, "class vectors");
        return new ZeroShotClassifier(classNames, w);
    }

    /** Unit class vectors, {@code [class][dim]} (a copy). */
    public float[][] weights() {
        float[][] out = new float[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            out[c] = weights[c].clone();
        }
        return out;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int dim() {
        return weights[0].length;
    }

    /** Cosine scores {@code [sample][class]} of (not necessarily normalised) image embeddings. */
    public float[][] scores(float[][] imageEmbeddings) {
        int d = Vectors.requireRectangular(imageEmbeddings, "image embeddings");
        if (d != dim()) {
            throw new IllegalArgumentException("image embedding dim " + d + " != classifier dim " + dim());
        }
        float[][] out = new float[imageEmbeddings.length][weights.length];
        for (int i = 0; i < imageEmbeddings.length; i++) {
            float[] x = Vectors.normalized(imageEmbeddings[i]);
            for (int c = 0; c < weights.length; c++) {
                out[i][c] = Vectors.dot(x, weights[c]);
            }
        }
        return out;
    }

    public ClassificationMetrics evaluate(float[][] imageEmbeddings, int[] labels) {
        return ClassificationMetrics.fromScores(scores(imageEmbeddings), labels);
    }
}
