package io.dihit.eval;

import ai.djl.Device;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.data.Skip;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.util.UserError;
import io.dihit.eval.data.CaptionedImages;
import io.dihit.eval.data.ImageSet;
import io.dihit.eval.data.LabeledImages;
import io.dihit.eval.embed.FeatureFile;
import io.dihit.eval.embed.ImageEmbeddings;
import io.dihit.eval.embed.TextEncoder;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.metrics.ClassificationMetrics;
import io.dihit.eval.probe.FewShotBenchmark;
import io.dihit.eval.probe.LinearProbe;
import io.dihit.eval.report.SkipLog;
import io.dihit.eval.retrieval.RetrievalMetrics;
import io.dihit.eval.zeroshot.PromptTemplates;
import io.dihit.eval.zeroshot.ZeroShotClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Evaluation from Java: zero-shot classification, zero-shot retrieval, the linear probe and the few-shot probes
 * of one frozen CLIP model over datasets ({@link io.dihit.eval.data.LabeledDataset} and {@link CaptionedImages}
 * from image folders, manifests or tar shards; Fashion-MNIST). Images that cannot be read are counted skips, reported to the skip
 * listener and listed in each result; the run goes on without them. Image and caption embeddings are cached
 * when a cache folder is given. {@code dihit eval} is a thin layer over this class.
 */
public final class Evaluation implements AutoCloseable {
    private final Clip clip;
    private final String modelKey;
    private final Path cacheDir;
    private final Consumer<Skip> onSkip;
    private final ImageEmbeddings images;

    /**
     * @param clip      the model with its tokenizer (none for image-only work: the linear probe); closed with this object
     * @param modelKey  identifies the weights in cache keys ({@link ImageEmbeddings#checkpointKey})
     * @param cacheDir  embedding cache; null disables it
     * @param onSkip    receives every skipped image as it is found (e.g. a {@link SkipLog})
     */
    public Evaluation(Clip clip, String modelKey, Path cacheDir, Consumer<Skip> onSkip) {
        this.clip = clip;
        this.modelKey = modelKey;
        this.cacheDir = cacheDir;
        this.onSkip = onSkip;
        this.images = new ImageEmbeddings(clip, modelKey, cacheDir);
    }

    /**
     * Loads dihit weights that carry their config (a {@code .safetensors} model file, a training checkpoint or a
     * run directory) on the CPU, with the tokenizer of {@code merges} (null: no text tower use), no cache, skips
     * only listed in the results.
     */
    public static Evaluation load(Path checkpoint, Path merges) throws IOException {
        Path file = Checkpoints.resolveModelFile(checkpoint);
        ClipConfig config = Checkpoints.readConfig(file).orElseThrow(() -> new UserError(checkpoint + " carries no model"
                + " config; load it with Clip.load(config, weights, options) and use the Evaluation(Clip, ...) constructor"));
        ClipOptions options = merges == null ? ClipOptions.defaults() : ClipOptions.defaults().withTokenizer(merges);
        Clip clip = Clip.load(config, file, options);
        return new Evaluation(clip, ImageEmbeddings.checkpointKey(file, config.toJson()), null, s -> { });
    }

    /** Evaluation of a model already in memory (for example the one a Trainer returned), no cache. */
    public static Evaluation of(Clip clip) {
        return new Evaluation(clip, "in-memory-" + Integer.toHexString(System.identityHashCode(clip)), null, s -> { });
    }

    /** exp(logit_scale) of the model: the factor between cosine similarities and logits. */
    public double logitMultiplier() {
        return clip.logitMultiplier();
    }

    public Device device() {
        return clip.device();
    }

    /** Zero-shot classification result: the metrics over the readable images, and which those were. */
    public record ZeroShot(ClassificationMetrics metrics, ZeroShotClassifier classifier, ImageFeatures images) {}

    /** Retrieval result; captions of skipped images are left out of the ranking and counted. */
    public record Retrieval(RetrievalMetrics metrics, ImageFeatures images, int captionsDropped) {}

    /** Linear-probe result: the fit (chosen lambda, cross-validation) and test metrics. */
    public record Linear(LinearProbe.Result fit, ClassificationMetrics test, ImageFeatures train, ImageFeatures testImages) {}

    /** Few-shot protocol result and the images it ran on. */
    public record FewShot(FewShotBenchmark.Result result, ImageFeatures train, ImageFeatures test) {}

    /** Zero-shot classification of {@code data} with its class names put into {@code templates}. */
    public ZeroShot zeroShot(LabeledImages data, PromptTemplates templates) throws IOException {
        LabeledImages.requireTwoClasses(data, "the dataset");
        ZeroShotClassifier classifier = classifier(data.classNames(), templates);
        ImageFeatures x = embed(data);
        return new ZeroShot(classifier.evaluate(x.rows(), x.labels(data)), classifier, x);
    }

    /** Image-to-text and text-to-image recall at 1, 5, 10. */
    public Retrieval retrieval(CaptionedImages data) throws IOException {
        ImageFeatures x = embed(data);
        int[] imageRow = new int[data.size()];
        Arrays.fill(imageRow, -1);
        for (int r = 0; r < x.indices().length; r++) {
            imageRow[x.indices()[r]] = r;
        }
        int[] textToImage = data.textToImage();
        List<Integer> keptTexts = new ArrayList<>();
        for (int t = 0; t < textToImage.length; t++) {
            if (imageRow[textToImage[t]] >= 0) {
                keptTexts.add(t);
            }
        }
        if (keptTexts.isEmpty()) {
            throw new UserError("no image of the dataset could be read (" + x.skipped().size() + " skipped)");
        }
        int[] kept = keptTexts.stream().mapToInt(Integer::intValue).toArray();
        float[][] texts = Vectors.rows(texts(data.captions(), data.fingerprint()), kept);
        int[] link = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            link[i] = imageRow[textToImage[kept[i]]];
        }
        RetrievalMetrics m = RetrievalMetrics.fromEmbeddings(x.rows(), texts, link, RetrievalMetrics.DEFAULT_KS,
                clip.device());
        return new Retrieval(m, x, textToImage.length - kept.length);
    }

    /** The plain linear probe: fit on {@code train}'s embeddings, measured on {@code test}. */
    public Linear linearProbe(LabeledImages train, LabeledImages test, LinearProbe.Config cfg) throws IOException {
        requireSameClasses(train, test);
        ImageFeatures xTrain = embed(train, "train");
        ImageFeatures xTest = embed(test, "test");
        LinearProbe.Result fit = LinearProbe.fit(Vectors.normalizedRows(xTrain.rows()), xTrain.labels(train),
                train.classNames().size(), cfg);
        ClassificationMetrics m = ClassificationMetrics.fromScores(
                fit.model().logits(Vectors.normalizedRows(xTest.rows())), xTest.labels(test));
        return new Linear(fit, m, xTrain, xTest);
    }

    /** The few-shot protocol: DiHT probe and plain probe at each shot count, against zero-shot. */
    public FewShot fewShot(LabeledImages train, LabeledImages test, PromptTemplates templates, FewShotBenchmark.Config cfg)
            throws IOException {
        requireSameClasses(train, test);
        ZeroShotClassifier classifier = classifier(train.classNames(), templates);
        ImageFeatures xTrain = embed(train, "train");
        ImageFeatures xTest = embed(test, "test");
        FewShotBenchmark.Result r = FewShotBenchmark.run(classifier, logitMultiplier(), xTrain.rows(),
                xTrain.labels(train), xTest.rows(), xTest.labels(test), cfg);
        return new FewShot(r, xTrain, xTest);
    }

    /** The zero-shot classifier of these class names (prompt embeddings averaged per class). */
    public ZeroShotClassifier classifier(List<String> classNames, PromptTemplates templates) {
        return ZeroShotClassifier.build(classNames, templates, textEncoder());
    }

    /**
     * Embeddings of every readable image of {@code data}, from the cache when present. Unreadable images are
     * skips: reported to the listener (also when the embeddings come from the cache, which keeps the skip list
     * beside them) and listed in the result.
     */
    public ImageFeatures embed(ImageSet data) throws IOException {
        return embed(data, "");
    }

    /** As {@link #embed(ImageSet)}; the listener gets the skips with {@code split} as their source (same positions in two splits). */
    private ImageFeatures embed(ImageSet data, String split) throws IOException {
        Consumer<Skip> listener = split.isEmpty() ? onSkip : s -> onSkip.accept(s.withSource(split));
        SkippingImages view = new SkippingImages(data, listener);
        String key = images.key(view);
        Path cached = cacheDir == null ? null : cacheDir.resolve(key + ".emb"); // ImageEmbeddings' file name
        Path skipList = cacheDir == null ? null : cacheDir.resolve(key + ".skipped.jsonl");
        if (cached != null && Files.exists(cached) && !Files.exists(skipList)) {
            Files.delete(cached); // cached without its skip list (interrupted run or older version): recompute
        }
        float[][] all = images.of(view);
        List<Skip> skipped;
        if (view.anyRead() || skipList == null) {
            skipped = view.skips();
            if (skipList != null) {
                SkipLog.write(skipList, skipped);
            }
        } else {
            skipped = SkipLog.read(skipList);
            skipped.forEach(listener);
        }
        return ImageFeatures.of(all, skipped);
    }

    /** Text embeddings (normalised rows), cached under the texts' fingerprint. */
    public float[][] texts(List<String> texts, String fingerprint) throws IOException {
        String key = "txt-" + modelKey + "-" + fingerprint + "-" + clip.config().text().contextLength();
        Path file = cacheDir == null ? null : cacheDir.resolve(key + ".emb");
        if (file != null && Files.isRegularFile(file)) {
            try {
                return FeatureFile.read(file, key);
            } catch (IOException e) {
                // damaged or foreign file: recompute below
            }
        }
        float[][] out = textEncoder().encode(texts);
        if (file != null) {
            FeatureFile.write(file, key, out);
        }
        return out;
    }

    private TextEncoder textEncoder() {
        if (!clip.hasTokenizer()) {
            throw new IllegalArgumentException("text embeddings need the tokenizer (the merges file of the text tower)");
        }
        return clip::encodeTexts;
    }

    private static void requireSameClasses(LabeledImages train, LabeledImages test) {
        LabeledImages.requireTwoClasses(train, "the training data");
        if (!train.classNames().equals(test.classNames())) {
            throw new UserError("train and test classes differ: " + train.classNames() + " vs " + test.classNames());
        }
    }

    @Override
    public void close() {
        clip.close();
    }
}
