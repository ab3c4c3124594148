package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.text.BpeTrainer;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.examples.data.EmojiStyle;
import io.dihit.examples.data.StyleFold;
import io.dihit.train.config.TrainConfig;
import io.dihit.core.data.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replicate's seed, not the variant, fixes the initialisation and the batch order. */
class SeedPairingTest {

    private static final Replicate REPLICATE = new Replicate(new StyleFold(EmojiStyle.TWITTER), 2);

    @Test
    void everyVariantOfAReplicateGetsTheSameSeed(@TempDir Path dir) {
        StudentTraining student = new StudentTraining(10, 8, 1e-3, 1.0);
        List<Long> seeds = new ArrayList<>();
        for (Variant v : Variant.ALL) {
            TrainConfig config = student.trainConfig("demo_tiny", v, REPLICATE.trainingSeed(), dir.resolve(v.key()),
                    v.distillation() ? dir.resolve("labels.bin") : null);
            seeds.add(config.seed());
        }
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L), seeds);
    }

    @Test
    void oneSeedGivesIdenticalInitialParameters() {
        Map<String, float[]> a = initialParameters(REPLICATE.trainingSeed());
        Map<String, float[]> b = initialParameters(REPLICATE.trainingSeed());
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, values) -> assertArrayEquals(values, b.get(name), name));
        Map<String, float[]> other = initialParameters(REPLICATE.trainingSeed() + 1);
        // a randomly initialised tensor (layer norms start at constants)
        String weight = a.keySet().stream().filter(k -> a.get(k).length > 100 && a.get(k)[0] != a.get(k)[1]).findFirst().orElseThrow();
        assertNotEquals(a.get(weight)[0], other.get(weight)[0], "another seed, other weights: " + weight);
    }

    /** What StudentTraining.train does before training: the engine seed from the config, then the model's initialisation. */
    private static Map<String, float[]> initialParameters(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(ClipConfig.named("demo_tiny"));
            model.initializeParameters(manager);
            Map<String, float[]> out = new java.util.TreeMap<>();
            model.namedParameters().forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
            return out;
        }
    }

    @Test
    void oneSeedGivesTheSameBatchOrderOverEpochs() {
        List<TrainPair> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pairs.add(new TrainPair("apple/c" + i + "/0", EmojiStyle.APPLE, i, "caption number " + i));
        }
        ClipTokenizer tokenizer = BpeTrainer.train(pairs.stream().map(TrainPair::caption).toList(), BpeTrainer.Config.ofVocabSize(600))
                .tokenizer();
        float[][] images = new float[20][3 * 4 * 4];
        Map<EmojiStyle, float[][]> styles = new EnumMap<>(EmojiStyle.class);
        styles.put(EmojiStyle.APPLE, images);
        EmojiPixels pixels = EmojiPixels.of(4, styles);
        // 20 pairs, batch 8: 2 batches per epoch; batches 0-5 span three epochs
        List<List<String>> first = order(new EmojiBatches(pairs, tokenizer, 8, pixels, 8, REPLICATE.trainingSeed()));
        List<List<String>> second = order(new EmojiBatches(pairs, tokenizer, 8, pixels, 8, REPLICATE.trainingSeed()));
        List<List<String>> otherSeed = order(new EmojiBatches(pairs, tokenizer, 8, pixels, 8, REPLICATE.trainingSeed() + 1));
        assertEquals(first, second);
        assertNotEquals(first, otherSeed);
        assertNotEquals(first.get(0), first.get(2), "each epoch is a new permutation");
    }

    private static List<List<String>> order(EmojiBatches batches) {
        List<List<String>> ids = new ArrayList<>();
        for (long i = 0; i < 6; i++) {
            Batch batch = batches.batchAt(i);
            ids.add(batch.ids());
        }
        return ids;
    }
}
