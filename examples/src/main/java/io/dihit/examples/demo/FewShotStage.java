package io.dihit.examples.demo;

import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.util.ProgressBar;
import io.dihit.eval.data.FashionMnist;
import io.dihit.eval.embed.TextEncoder;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.probe.FewShotBenchmark;
import io.dihit.eval.probe.FewShotProbe;
import io.dihit.eval.probe.LinearProbe;
import io.dihit.eval.zeroshot.PromptTemplates;
import io.dihit.eval.zeroshot.ZeroShotClassifier;
import io.dihit.examples.data.EmojiConcept;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Few-shot probes (plain logistic regression vs DiHT's residual probe from the zero-shot weights) with
 * dihit-eval's protocol, on the held-out style's subcategories and on Fashion-MNIST, for the most
 * complete DiHT variant of every replicate, so the probe comparison is paired over folds x seeds.
 */
public final class FewShotStage implements DemoStage {

    /** Results of one model on one task. */
    public record Curve(String model, String task, FewShotBenchmark.Result result, Replicate replicate) {
    }

    static final String SUBCATEGORY_TASK = "held-out style subcategories";
    static final String FASHION_TASK = "Fashion-MNIST (10 classes)";

    static final int FASHION_POOL = 1000;
    static final int FASHION_TEST = 1000;

    @Override
    public String name() {
        return "few-shot probes";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        if (context.runs().isEmpty()) {
            throw new StageNotRunException(name() + " not run: no pre-trained model");
        }
        // Per replicate, the last ladder variant that was trained (the full DiHT model when every ingredient ran).
        Map<Replicate, StudentTraining.Run> perReplicate = new LinkedHashMap<>();
        context.runs().stream().filter(r -> Variant.LADDER.contains(r.variant())).forEach(r -> perReplicate.put(context.replicate(r), r));
        List<StudentTraining.Run> models = new ArrayList<>(perReplicate.values());
        DemoConfig config = context.config();
        int maxShots = config.shots().stream().mapToInt(Integer::intValue).max().orElseThrow();
        FewShotBenchmark.Config protocol = new FewShotBenchmark.Config(config.shots().stream().mapToInt(Integer::intValue).toArray(),
                config.shotSamplings(), config.dataSeed(), FewShotProbe.Config.defaults(), LinearProbe.Config.defaults());
        List<EmojiConcept> concepts = context.catalog().concepts();
        FewShotSplit split = FewShotSplit.of(concepts.stream().map(EmojiConcept::subcategory).toList(), maxShots, maxShots,
                config.dataSeed());
        FashionMnist fashionPool = FashionMnist.load(context.layout().fashionMnistDir(), FashionMnist.Split.TRAIN);
        FashionMnist fashionTest = FashionMnist.load(context.layout().fashionMnistDir(), FashionMnist.Split.TEST);
        int size = context.model().vision().imageSize();
        float[] poolPixels = FashionMnistPixels.preprocess(fashionPool, FASHION_POOL, size);
        float[] testPixels = FashionMnistPixels.preprocess(fashionTest, FASHION_TEST, size);
        int[] poolLabels = IntStream.range(0, FASHION_POOL).map(fashionPool::label).toArray();
        int[] testLabels = IntStream.range(0, FASHION_TEST).map(fashionTest::label).toArray();
        try (ProgressBar bar = context.progress(name(), 2L * models.size())) {
            for (StudentTraining.Run run : models) {
                Replicate replicate = context.replicate(run);
                String model = run.variant().label() + ", " + replicate.label();
                try (Clip encoder = Clip.load(context.model(), run.weights(),
                        ClipOptions.defaults().withDevice(context.device()).withBatchSize(256).withTokenizer(context.tokenizer()))) {
                    TextEncoder text = encoder::encodeTexts;
                    float[][] heldOut = context.evaluation(run).imageEmbeddings();
                    ZeroShotClassifier subcategories = ZeroShotClassifier.build(
                            split.classNames().stream().map(HeldOutEvaluation::className).toList(), PromptTemplates.generic(), text);
                    context.addFewShot(new Curve(model, SUBCATEGORY_TASK + " (" + split.classNames().size()
                            + " classes)", FewShotBenchmark.run(subcategories, encoder.logitMultiplier(), Vectors.rows(heldOut, split.poolIndex()),
                            split.poolLabel(), Vectors.rows(heldOut, split.testIndex()), split.testLabel(), protocol), replicate));
                    bar.step();
                    ZeroShotClassifier garments = ZeroShotClassifier.build(FashionMnist.PROMPT_NAMES, PromptTemplates.generic(), text);
                    context.addFewShot(new Curve(model, FASHION_TASK, FewShotBenchmark.run(garments, encoder.logitMultiplier(),
                            encoder.encodePreprocessed(poolPixels, FASHION_POOL), poolLabels, encoder.encodePreprocessed(testPixels, FASHION_TEST),
                            testLabels, protocol), replicate));
                    bar.step();
                }
            }
        }
        return String.format(Locale.ROOT, "%d models (one per replicate) x 2 tasks, shots %s, %d samplings; %d held-out style "
                        + "subcategories with >= %d concepts; Fashion-MNIST pool %d, test %d", models.size(), config.shots(),
                config.shotSamplings(), split.classNames().size(), maxShots + 1, FASHION_POOL, FASHION_TEST);
    }
}
