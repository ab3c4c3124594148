package io.dihit.examples.demo;

import ai.djl.Device;
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
import io.dihit.examples.data.EmojiManifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Few-shot probes (plain logistic regression vs DiHT's residual probe from the zero-shot weights) with
 * dihit-eval's protocol, on the held-out style's subcategories and on Fashion-MNIST, for the baseline
 * and the most complete DiHT variant (first seed of each).
 */
public final class FewShotStage implements DemoStage {

    /** Results of one model on one task. */
    public record Curve(String model, String task, FewShotBenchmark.Result result) {
    }

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
        Map<Variant, StudentTraining.Run> firstSeed = new LinkedHashMap<>();
        context.runs().forEach(r -> firstSeed.putIfAbsent(r.variant(), r));
        List<StudentTraining.Run> models = new ArrayList<>(List.of(context.runs().get(0)));
        StudentTraining.Run last = List.copyOf(firstSeed.values()).get(firstSeed.size() - 1);
        if (last != models.get(0)) {
            models.add(last);
        }
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
                String model = run.variant().label();
                try (Clip encoder = Clip.load(context.model(), run.weights(),
                        ClipOptions.defaults().withDevice(Device.cpu()).withBatchSize(256).withTokenizer(context.tokenizer()))) {
                    TextEncoder text = encoder::encodeTexts;
                    float[][] twitter = context.evaluation(run).imageEmbeddings();
                    ZeroShotClassifier subcategories = ZeroShotClassifier.build(
                            split.classNames().stream().map(HeldOutEvaluation::className).toList(), PromptTemplates.generic(), text);
                    context.addFewShot(new Curve(model, EmojiManifests.EVAL_STYLE.vendor() + " subcategories (" + split.classNames().size()
                            + " classes)", FewShotBenchmark.run(subcategories, encoder.logitMultiplier(), Vectors.rows(twitter, split.poolIndex()),
                            split.poolLabel(), Vectors.rows(twitter, split.testIndex()), split.testLabel(), protocol)));
                    bar.step();
                    ZeroShotClassifier garments = ZeroShotClassifier.build(FashionMnist.PROMPT_NAMES, PromptTemplates.generic(), text);
                    context.addFewShot(new Curve(model, "Fashion-MNIST (10 classes)", FewShotBenchmark.run(garments, encoder.logitMultiplier(),
                            encoder.encodePreprocessed(poolPixels, FASHION_POOL), poolLabels, encoder.encodePreprocessed(testPixels, FASHION_TEST),
                            testLabels, protocol)));
                    bar.step();
                }
            }
        }
        return String.format(Locale.ROOT, "%d models x 2 tasks, shots %s, %d samplings; %d %s subcategories with >= %d concepts; "
                        + "Fashion-MNIST pool %d, test %d", models.size(), config.shots(), config.shotSamplings(), split.classNames().size(),
                EmojiManifests.EVAL_STYLE.vendor(), maxShots + 1, FASHION_POOL, FASHION_TEST);
    }
}
