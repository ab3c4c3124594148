package io.dihit.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;
import io.dihit.core.model.ModelFlops;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times the CLIP model alone (no optimizer, no data): inference forward of both towers, and
 * forward + InfoNCE + backward, median over a few repetitions after warm-up, and the model-FLOPs
 * utilisation against the GEMM rate measured in the same process ({@link ModelFlops}). Prints one JSON line.
 *
 * <pre>java ... io.dihit.examples.bench.ModelForwardBench [config=bench_small] [batch=128] [reps=5]</pre>
 * Threads follow DJL/PyTorch settings (e.g. -Dai.djl.pytorch.num_threads=2, -Dai.djl.pytorch.num_interop_threads=1).
 */
public final class ModelForwardBench {
    private ModelForwardBench() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "bench_small";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ClipModel model = new ClipModel(ClipConfig.named(name));
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(model.imageShape(batch));
            int ctx = model.config().text().contextLength();
            int vocab = model.config().text().vocabSize();
            NDArray tokens = manager.randomInteger(1, vocab - 1, model.tokenShape(batch), DataType.INT64);
            tokens.set(new ai.djl.ndarray.index.NDIndex(":, " + (ctx * 2 / 3)), vocab - 1); // end-of-text position

            double inference = medianSeconds(reps, () -> {
                try (NDManager step = manager.newSubManager()) {
                    NDArray img = images.duplicate();
                    NDArray tok = tokens.duplicate();
                    img.attach(step);
                    tok.attach(step);
                    NDList out = model.forward(ps, new NDList(img, tok), false);
                    out.get(0).toFloatArray();
                    out.get(1).toFloatArray();
                }
            });
            double training = medianSeconds(reps, () -> {
                try (NDManager step = manager.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray img = images.duplicate();
                    NDArray tok = tokens.duplicate();
                    img.attach(step);
                    tok.attach(step);
                    NDList out = model.forward(ps, new NDList(img, tok), true);
                    NDArray logits = out.get(0).matMul(out.get(1).transpose()).mul(out.get(2).exp());
                    NDArray eye = step.eye(batch);
                    NDArray loss = logits.logSoftmax(1).mul(eye).sum().add(logits.logSoftmax(0).mul(eye).sum())
                            .neg().div(2.0 * batch);
                    gc.backward(loss);
                }
            });
            double gemm = gemmFlopsPerSecond(manager);
            double trainFlops = ModelFlops.trainingPerSample(model.config());
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\":\"model\",\"config\":\"%s\",\"batch\":%d,\"params\":%d,\"inference_s\":%.4f,"
                            + "\"inference_samples_per_s\":%.1f,\"fwd_bwd_s\":%.4f,\"fwd_bwd_samples_per_s\":%.1f,"
                            + "\"gemm_gflops\":%.1f,\"train_gflop_per_sample\":%.4f,\"fwd_bwd_mfu\":%.3f}",
                    name, batch, model.parameterCount(), inference, batch / inference, training, batch / training,
                    gemm / 1e9, trainFlops / 1e9, batch / training * trainFlops / gemm));
        }
    }

    /** Matmul rate of this process on these threads: 1024^3 float32 GEMM, median of 10. */
    private static double gemmFlopsPerSecond(NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(1024, 1024));
            NDArray b = m.randomNormal(new Shape(1024, 1024));
            double seconds = medianSeconds(10, () -> {
                try (NDManager t = m.newSubManager()) {
                    NDArray c = a.matMul(b);
                    c.attach(t);
                    c.getFloat(0, 0);
                }
            });
            return 2.0 * 1024 * 1024 * 1024 / seconds;
        }
    }

    private static double medianSeconds(int reps, Runnable body) {
        body.run();
        body.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
