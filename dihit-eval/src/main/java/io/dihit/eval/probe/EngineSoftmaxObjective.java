package io.dihit.eval.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@link SoftmaxObjective} on the DJL engine: features, one-hot labels and base logits live on the device once;
 * each evaluation is two matrix products and a softmax in a scoped sub-manager.
 */
final class EngineSoftmaxObjective implements SoftmaxObjective {
    private final NDManager manager;
    private final NDArray x;
    private final NDArray oneHot;
    private final NDArray base;
    private final int classes;
    private final int dim;
    private final int n;

    EngineSoftmaxObjective(float[][] features, int[] y, int classes, float[][] baseLogits) {
        this.dim = SoftmaxObjective.validate(features, y, classes, baseLogits);
        this.classes = classes;
        this.n = features.length;
        this.manager = NDManager.newBaseManager();
        try {
            x = manager.create(features);
            oneHot = manager.create(y).oneHot(classes).toType(DataType.FLOAT32, false);
            base = baseLogits == null ? null : manager.create(baseLogits);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public double evaluate(float[] w, float[] b, double[] gw, double[] gb) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray weights = scope.create(w, new Shape(classes, dim));
            NDArray bias = scope.create(b, new Shape(1, classes));
            NDArray z = x.matMul(weights.transpose()).add(bias);
            z.attach(scope);
            if (base != null) {
                z = z.add(base);
            }
            NDArray max = z.max(new int[] {1}, true);
            NDArray shifted = z.sub(max);
            NDArray lse = shifted.exp().sum(new int[] {1}, true).log();
            NDArray logp = shifted.sub(lse);
            // Per-sample log-likelihoods summed in double: a float32 total would drown small loss decreases.
            float[] perSample = logp.mul(oneHot).sum(new int[] {1}).toFloatArray();
            double loss = 0;
            for (float v : perSample) {
                loss -= v;
            }
            loss /= n;
            NDArray residual = logp.exp().sub(oneHot).div(n); // (softmax - onehot) / n
            float[] gwf = residual.transpose().matMul(x).toFloatArray();
            float[] gbf = residual.sum(new int[] {0}).toFloatArray();
            for (int i = 0; i < gwf.length; i++) {
                gw[i] = gwf[i];
            }
            for (int c = 0; c < classes; c++) {
                gb[c] = gbf[c];
            }
            return loss;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
