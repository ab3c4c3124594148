package io.dihit.examples.demo;

import ai.djl.Device;
import io.dihit.core.clip.Clip;
import io.dihit.eval.embed.TextEncoder;
import io.dihit.eval.retrieval.EmbeddingSimilarity;
import io.dihit.eval.retrieval.RetrievalMetrics;
import io.dihit.eval.zeroshot.PromptTemplates;
import io.dihit.eval.zeroshot.ZeroShotClassifier;
import io.dihit.examples.data.EmojiConcept;
import io.dihit.examples.data.EmojiStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Zero-shot evaluation on the held-out style: image->name retrieval over all concepts (R@1/5/10) and
 * classification into categories and subcategories, all through dihit-eval.
 */
public final class HeldOutEvaluation {

    /** Metrics of one model, plus the embeddings the few-shot probes and the retrieval figure reuse. */
    public record Result(double r1, double r5, double r10, double categoryTop1, double subcategoryTop1,
                         float[][] imageEmbeddings, float[][] nameEmbeddings, double logitMultiplier) {
    }

    private HeldOutEvaluation() {
    }

    /** Subcategory ids such as "face-smiling" read as prompts: "face smiling". */
    public static String className(String label) {
        return label.toLowerCase(Locale.ROOT).replace('-', ' ').replace('&', ' ').replaceAll("\\s+", " ").trim();
    }

    public static Result run(Clip model, TextEncoder embedder, EmojiPixels pixels, EmojiStyle style, List<EmojiConcept> concepts,
                             List<String> categories, List<String> subcategories) {
        int[] all = IntStream.range(0, concepts.size()).toArray();
        float[][] imageEmbeddings = model.encodePreprocessed(pixels.batch(style, all), all.length);
        float[][] nameEmbeddings = embedder.encode(concepts.stream().map(EmojiConcept::name).toList());
        int[] identity = IntStream.range(0, concepts.size()).toArray();
        RetrievalMetrics retrieval = RetrievalMetrics.fromEmbeddings(imageEmbeddings, nameEmbeddings, identity,
                RetrievalMetrics.DEFAULT_KS, Device.cpu());
        PromptTemplates templates = PromptTemplates.generic();
        double categoryTop1 = classifier(categories, templates, embedder)
                .evaluate(imageEmbeddings, labels(concepts, categories, true)).top1();
        double subcategoryTop1 = classifier(subcategories, templates, embedder)
                .evaluate(imageEmbeddings, labels(concepts, subcategories, false)).top1();
        return new Result(retrieval.at(1).imageToText(), retrieval.at(5).imageToText(), retrieval.at(10).imageToText(),
                categoryTop1, subcategoryTop1, imageEmbeddings, nameEmbeddings, model.logitMultiplier());
    }

    static ZeroShotClassifier classifier(List<String> labels, PromptTemplates templates, TextEncoder embedder) {
        return ZeroShotClassifier.build(labels.stream().map(HeldOutEvaluation::className).toList(), templates, embedder);
    }

    static int[] labels(List<EmojiConcept> concepts, List<String> classes, boolean category) {
        return concepts.stream().mapToInt(c -> classes.indexOf(category ? c.category() : c.subcategory())).toArray();
    }

    /** The {@code k} best-matching concept indices for each query image (cosine), for the retrieval figure. */
    public static List<int[]> topNames(float[][] imageEmbeddings, float[][] nameEmbeddings, int[] queries, int k) {
        EmbeddingSimilarity similarity = EmbeddingSimilarity.cosine(imageEmbeddings, nameEmbeddings);
        int cols = similarity.cols();
        List<int[]> out = new ArrayList<>();
        float[] row = new float[cols];
        for (int q : queries) {
            similarity.block(q, q + 1, 0, cols, row);
            Integer[] order = IntStream.range(0, cols).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Float.compare(row[b], row[a]));
            int[] best = new int[k];
            for (int j = 0; j < k; j++) {
                best[j] = order[j];
            }
            out.add(best);
        }
        return out;
    }
}
