package io.dihit.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.clip.Clip;
import io.dihit.core.model.ClipConfig;
import io.dihit.train.StepResult;
import io.dihit.train.Trainer;
import io.dihit.train.TrainingListener;
import io.dihit.train.TrainingRun;
import io.dihit.train.distill.DistillationConfig;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.loss.LossConfig;
import io.dihit.train.optim.OptimizerConfig;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabel;
import io.dihit.train.distill.SoftLabelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training-step benchmark of the dihit loop (not a test). For one ClipConfig and batch it measures,
 * in one process, median step times of three variants run in interleaved rounds: InfoNCE,
 * HN-NCE (alpha 1, beta 0.5/0.5) and InfoNCE + concept distillation (1,857 concepts, top-10 soft
 * labels), the in-process GEMM rate (1024^3 matmul) and the model-FLOPs utilisation (the peer
 * script's FLOP count). With --peer it instead compares InfoNCE against the PyTorch eager peer script
 * ({@link PeerComparison}: the peer's own GEMM rate first, no comparison below 100 GFLOP/s, at least three
 * interleaved rounds, medians and ranges).
 *
 * <pre>
 * java -cp ... io.dihit.examples.bench.TrainStepBench [--model bench_small] [--batch 128] [--steps 5]
 *      [--rounds 2 (3 with --peer)] [--peer examples/peer/torch_peer_bench.py] [--rss-steps 0] [--loss-micro STEP_S]
 * </pre>
 * With --loss-micro it times only the loss parts (see {@link #lossMicro}).
 * With --rss-steps N it instead trains N HN-NCE steps in one run and prints the resident set size
 * at every tenth of the run and its growth after the first tenth (native-memory growth check).
 */
public final class TrainStepBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainStepBench() {}

    public static void main(String[] args) throws Exception {
        String model = "bench_small";
        int batch = 128;
        int steps = 5;
        Integer rounds = null;
        String peer = null;
        int rssSteps = 0;
        double stepSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--peer" -> peer = args[++i];
                case "--rss-steps" -> rssSteps = Integer.parseInt(args[++i]);
                case "--loss-micro" -> stepSeconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ClipConfig config = ClipConfig.named(model);
        Path work = Files.createTempDirectory("dihit-train-bench");
        if (rssSteps > 0) {
            rss(model, config, batch, rssSteps, work);
            return;
        }
        if (stepSeconds > 0) {
            lossMicro(config, batch, stepSeconds);
            return;
        }
        SyntheticBatches data = new SyntheticBatches(1, batch, config.vision().imageSize(),
                config.text().contextLength(), config.text().vocabSize(), 10_000);
        Path labels = softLabels(data, steps + 2, work.resolve("teacher.soft"));
        if (peer != null) {
            int perStep = batch;
            int timed = steps;
            String modelName = model;
            PeerComparison.run(peer, batch, steps, rounds == null ? PeerComparison.MIN_ROUNDS : rounds, round -> perStep
                    / median(stepSeconds(modelName, perStep, timed, "info_nce", labels, work.resolve("peer-r" + round), data)), System.out);
            return;
        }
        rounds = rounds == null ? 2 : rounds;
        String[] variants = {"info_nce", "hn_nce", "info_nce+distill"};
        List<List<Double>> times = new ArrayList<>();
        for (String ignored : variants) {
            times.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < variants.length; v++) {
                times.get(v).addAll(stepSeconds(model, batch, steps, variants[v], labels,
                        work.resolve("r" + round + "-" + v), data));
            }
        }
        double gemm = gemmGflops();
        double trainGflopPerSample = 3 * forwardFlops(config) / 1e9;
        double[] medians = new double[variants.length];
        for (int v = 0; v < variants.length; v++) {
            medians[v] = median(times.get(v));
            double sps = batch / medians[v];
            System.out.println(JSON.writeValueAsString(java.util.Map.of("impl", "dihit " + Engine.getInstance()
                            .getEngineName() + " " + Engine.getInstance().getVersion(), "model", model, "batch", batch,
                    "variant", variants[v], "step_s_median", round(medians[v], 4), "samples_per_s", round(sps, 1),
                    "gemm_gflops", round(gemm, 1), "train_gflop_per_sample", round(trainGflopPerSample, 4),
                    "mfu", round(sps * trainGflopPerSample / gemm, 3))));
        }
        System.out.printf("ratio hn_nce / info_nce step time: %.3f%n", medians[1] / medians[0]);
        System.out.printf("ratio distill / plain step time:   %.3f%n", medians[2] / medians[0]);
    }

    /** Per-step seconds as the loop measures them (data generation is outside the timed span), after 2 warm-up steps. */
    private static List<Double> stepSeconds(String model, int batch, int steps, String variant, Path labels,
                                            Path runDir, SyntheticBatches data) throws IOException {
        int warmup = 2;
        TrainConfig train = TrainConfig.builder().runDir(runDir).steps(warmup + steps).batchSize(batch)
                .model(ModelConfig.named(model))
                .loss(variant.startsWith("hn_nce") ? LossConfig.hnNce() : LossConfig.infoNce())
                .optimizer(OptimizerConfig.builder().lr(1e-4).warmupSteps(0L).build())
                .distillation(variant.endsWith("+distill") ? new DistillationConfig(labels.toString(), 1.0, 1.0, null) : null)
                .checkpointEvery(1_000_000).keepCheckpoints(1).progress(false).build();
        List<Double> out = new ArrayList<>();
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepResult step) {
                if (step.step() > warmup) {
                    out.add(step.seconds());
                }
            }
        };
        try (Clip ignored = Trainer.builder(train).listener(timer).build().fit(data)) {
            deleteTree(runDir);
        }
        return out;
    }

    /**
     * The loss part of a step in isolation (forward + backward on (batch, embedDim) features, 1,857
     * concepts for distillation), 200 interleaved repetitions: robust to a loaded machine, where
     * whole-step timings of separate variants drift. The implied step ratio is
     * (step + loss time difference) / step for the given plain step time.
     */
    private static void lossMicro(ClipConfig config, int batch, double plainStepSeconds) throws Exception {
        int d = config.embedDim();
        int concepts = 1857;
        io.dihit.train.loss.ContrastiveLoss info = new io.dihit.train.loss.InfoNce();
        io.dihit.train.loss.ContrastiveLoss hn = new io.dihit.train.loss.HardNegativeNce(1.0, 0.5, 0.5);
        io.dihit.train.distill.ConceptDistillationLoss cd = new io.dihit.train.distill.ConceptDistillationLoss(
                DistillationConfig.of("teacher.soft")); // the loss alone never reads the sidecar
        List<List<Double>> t = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.nn.Block head = io.dihit.train.distill.ConceptHead.create(concepts);
            head.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, d));
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(manager, false);
            float[] probs = new float[batch * concepts];
            for (int i = 0; i < batch; i++) {
                for (int k = 0; k < 10; k++) {
                    probs[i * concepts + (i * 31 + k * 97) % concepts] = 0.1f;
                }
            }
            for (int rep = 0; rep < 220; rep++) {
                for (int v = 0; v < 3; v++) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray img = scope.randomNormal(new Shape(batch, d)).normalize(2, 1);
                        NDArray txt = scope.randomNormal(new Shape(batch, d)).normalize(2, 1);
                        NDArray scale = scope.create((float) Math.log(1 / 0.07));
                        img.setRequiresGradient(true);
                        txt.setRequiresGradient(true);
                        scale.setRequiresGradient(true);
                        NDArray p = scope.create(probs, new Shape(batch, concepts));
                        NDArray mask = scope.ones(new Shape(batch));
                        long start = System.nanoTime();
                        try (ai.djl.training.GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = (v == 1 ? hn : info).compute(img, txt, scale);
                            if (v == 2) {
                                NDArray logits = head.forward(ps, new ai.djl.ndarray.NDList(img), true).singletonOrThrow();
                                loss = loss.add(cd.weighted(cd.compute(logits, p, mask)));
                            }
                            gc.backward(loss);
                            img.getGradient().toFloatArray(); // wait for the backward
                        }
                        if (rep >= 20) {
                            t.get(v).add((System.nanoTime() - start) / 1e9);
                        }
                    }
                }
            }
        }
        double info1 = median(t.get(0));
        double hn1 = median(t.get(1));
        double cd1 = median(t.get(2));
        System.out.printf("loss fwd+bwd median at batch %d, dim %d: info_nce %.3f ms, hn_nce %.3f ms, "
                + "info_nce+distill(%d concepts) %.3f ms%n", batch, d, info1 * 1e3, hn1 * 1e3, concepts, cd1 * 1e3);
        System.out.printf("implied step ratio for a %.2f s plain step: hn_nce/info_nce %.4f, distill/plain %.4f%n",
                plainStepSeconds, (plainStepSeconds + hn1 - info1) / plainStepSeconds,
                (plainStepSeconds + cd1 - info1) / plainStepSeconds);
    }

    private static Path softLabels(SyntheticBatches data, int batches, Path file) {
        int concepts = 1857;
        SplittableRandom random = new SplittableRandom(5);
        try (SoftLabelWriter writer = new SoftLabelWriter(file, concepts, 10, 1f)) {
            for (int b = 0; b < batches; b++) {
                for (String id : data.batch(b).ids()) {
                    float[] probabilities = new float[concepts];
                    for (int c = 0; c < concepts; c++) {
                        probabilities[c] = (float) random.nextDouble();
                    }
                    writer.add(id, SoftLabel.topK(probabilities, 10));
                }
            }
            writer.commit();
        }
        return file;
    }

    /**
     * One uninterrupted run of {@code steps} HN-NCE steps logging every step; prints the resident set
     * size (metrics.jsonl's rss_mib) at every tenth of the run and the growth from step steps/10 on.
     */
    private static void rss(String model, ClipConfig config, int batch, int steps, Path work) throws IOException {
        SyntheticBatches data = new SyntheticBatches(1, batch, config.vision().imageSize(),
                config.text().contextLength(), config.text().vocabSize(), steps);
        Path runDir = work.resolve("rss");
        TrainConfig train = TrainConfig.builder().runDir(runDir).steps(steps).batchSize(batch).model(ModelConfig.named(model))
                .loss(LossConfig.hnNce()).optimizer(OptimizerConfig.builder().lr(1e-4).build())
                .checkpointEvery(steps).keepCheckpoints(1).progress(false).build();
        try (Clip ignored = Trainer.fromConfig(train).fit(data)) {
            // metrics.jsonl holds the curve
        }
        long[] rss = new long[steps + 1];
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            rss[n.get("step").asInt()] = n.get("rss_mib").asLong();
        }
        for (int tenth = 1; tenth <= 10; tenth++) {
            int step = Math.max(1, steps * tenth / 10);
            System.out.println("after step " + step + ": RSS " + rss[step] + " MiB");
        }
        int from = Math.max(1, steps / 10);
        long max = Arrays.stream(rss, from, steps + 1).max().orElseThrow();
        System.out.printf("growth from step %d to %d: %+.1f%% (max %d MiB)%n", from, steps,
                100.0 * (rss[steps] - rss[from]) / rss[from], max);
        deleteTree(work);
    }

    private static double gemmGflops() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(1024, 1024));
            NDArray b = manager.randomNormal(new Shape(1024, 1024));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            List<Double> t = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                NDArray c = a.matMul(b);
                c.toFloatArray(); // wait for the result
                t.add((System.nanoTime() - start) / 1e9);
                c.close();
            }
            return 2.0 * Math.pow(1024, 3) / median(t) / 1e9;
        }
    }

    /** Forward FLOPs per sample, the same count as the peer script (matmuls + attention + patch embedding). */
    static double forwardFlops(ClipConfig c) {
        int visionTokens = (c.vision().imageSize() / c.vision().patchSize()) * (c.vision().imageSize() / c.vision().patchSize()) + 1;
        return tower(c.vision().width(), c.vision().layers(), visionTokens)
                + 2.0 * (visionTokens - 1) * 3 * c.vision().patchSize() * c.vision().patchSize() * c.vision().width()
                + tower(c.text().width(), c.text().layers(), c.text().contextLength());
    }

    private static double tower(int width, int layers, int tokens) {
        double perLayer = 2.0 * tokens * (4.0 * width * width + 2 * 4.0 * width * width) + 2.0 * 2 * tokens * tokens * width;
        return layers * perLayer;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
