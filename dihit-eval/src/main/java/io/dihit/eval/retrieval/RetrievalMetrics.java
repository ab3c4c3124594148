package io.dihit.eval.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Zero-shot retrieval Recall@K in both directions, COCO/Flickr style: every text is a caption of exactly one
 * image, an image may have several captions.
 *
 * <ul>
 *   <li>image->text R@K: fraction of images with at least one of their own captions among the K texts ranked
 *       highest for that image;</li>
 *   <li>text->image R@K: fraction of texts whose image is among the K images ranked highest for that text.</li>
 * </ul>
 *
 * @param images number of images (queries of image->text)
 * @param texts number of texts (queries of text->image)
 * @param recalls one entry per requested K, ascending
 */
public record RetrievalMetrics(int images, int texts, List<RecallAtK> recalls) {

    public static final int[] DEFAULT_KS = {1, 5, 10};

    public record RecallAtK(int k, double imageToText, double textToImage) {}

    public RetrievalMetrics {
        recalls = List.copyOf(recalls);
    }

    /** R@K of one direction for one K; fails when K was not computed. */
    public RecallAtK at(int k) {
        return recalls.stream().filter(r -> r.k() == k).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("R@" + k + " was not computed"));
    }

    /**
     * Computes R@K from a similarity source with images as rows and texts as columns.
     *
     * @param imageTextSimilarity s(image, text)
     * @param textToImage for every text (column), the index of its image (row)
     * @param ks the K values, e.g. {@link #DEFAULT_KS}
     * @param topK the chunked ranking used for both directions
     */
    public static RetrievalMetrics compute(SimilaritySource imageTextSimilarity, int[] textToImage, int[] ks,
                                           ChunkedTopK topK) {
        int images = imageTextSimilarity.rows();
        int texts = imageTextSimilarity.cols();
        if (textToImage.length != texts) {
            throw new IllegalArgumentException(texts + " texts but " + textToImage.length + " text->image links");
        }
        int[] captionCount = new int[images];
        for (int t = 0; t < texts; t++) {
            int img = textToImage[t];
            if (img < 0 || img >= images) {
                throw new IllegalArgumentException("text " + t + " links to image " + img + " outside [0, " + images + ")");
            }
            captionCount[img]++;
        }
        for (int i = 0; i < images; i++) {
            if (captionCount[i] == 0) {
                throw new IllegalArgumentException("image " + i + " has no caption: image->text recall is undefined for it");
            }
        }
        int[] sortedKs = Arrays.stream(ks).distinct().sorted().toArray();
        if (sortedKs.length == 0 || sortedKs[0] < 1) {
            throw new IllegalArgumentException("K values must be >= 1: " + Arrays.toString(ks));
        }
        int maxK = sortedKs[sortedKs.length - 1];

        int[][] textsForImage = topK.topK(imageTextSimilarity, maxK);
        int[] i2tRank = new int[images];
        for (int i = 0; i < images; i++) {
            int img = i;
            i2tRank[i] = firstHit(textsForImage[i], t -> textToImage[t] == img);
        }
        int[][] imagesForText = topK.topK(imageTextSimilarity.transposed(), maxK);
        int[] t2iRank = new int[texts];
        for (int t = 0; t < texts; t++) {
            int img = textToImage[t];
            t2iRank[t] = firstHit(imagesForText[t], i -> i == img);
        }

        List<RecallAtK> recalls = new ArrayList<>();
        for (int k : sortedKs) {
            recalls.add(new RecallAtK(k, fractionBelow(i2tRank, k), fractionBelow(t2iRank, k)));
        }
        return new RetrievalMetrics(images, texts, recalls);
    }

    /** Cosine similarity of image and text embeddings through the DJL engine's matmul, 1024 x 1024 blocks. */
    public static RetrievalMetrics fromEmbeddings(float[][] imageEmbeddings, float[][] textEmbeddings, int[] textToImage,
                                                  int[] ks, ai.djl.Device device) {
        try (EngineSimilarity s = EngineSimilarity.cosine(imageEmbeddings, textEmbeddings, device)) {
            return compute(s, textToImage, ks, new ChunkedTopK(1024, 1));
        }
    }

    /** Rank (0-based) of the first entry matching, or Integer.MAX_VALUE when none of the top list matches. */
    private static int firstHit(int[] ranked, java.util.function.IntPredicate match) {
        for (int r = 0; r < ranked.length; r++) {
            if (match.test(ranked[r])) {
                return r;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static double fractionBelow(int[] ranks, int k) {
        int hits = 0;
        for (int r : ranks) {
            if (r < k) {
                hits++;
            }
        }
        return (double) hits / ranks.length;
    }
}
