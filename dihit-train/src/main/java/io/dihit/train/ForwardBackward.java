package io.dihit.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dihit.core.data.Batch;
import io.dihit.train.distill.SoftTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loss and parameter gradients of one batch, with global negatives across replicas and optional
 * gradient caching (Gao et al., "Scaling Deep Contrastive Learning Batch Size under Memory Limited
 * Setup"): with a chunk size, (1) embed every chunk without a graph, (2) compute the loss on the
 * whole batch's embeddings as leaves and take its gradient w.r.t. them, (3) re-embed each chunk
 * with a graph and back-propagate the cached embedding gradient (as d/dθ sum(e * g)). Peak memory
 * is then one chunk's activations plus the k x k loss. The engine's RNG is reseeded with the same
 * value before both passes over a chunk so stochastic layers see identical draws.
 */
final class ForwardBackward {

    private final ImageTextEncoder encoder;
    private final LossStage lossStage;
    private final ParameterReplicas replicas;
    private final int chunkSize;

    /** @param chunkSize rows per gradient-cache chunk; 0 runs each replica's shard in one piece without caching */
    ForwardBackward(ImageTextEncoder encoder, LossStage lossStage, ParameterReplicas replicas, int chunkSize) {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("gradient cache chunk size must be >= 0, got " + chunkSize);
        }
        this.encoder = encoder;
        this.lossStage = lossStage;
        this.replicas = replicas;
        this.chunkSize = chunkSize;
    }

    /** A contiguous row range of the batch, run on one replica. */
    private record Piece(int replica, int from, int to, int seed) {}

    /**
     * Leaves accumulated gradients on every replica (call {@link ParameterReplicas#zeroGradients()} first).
     * Returns the losses as numbers; non-finite values are reported, not thrown.
     */
    StepLosses run(NDManager scope, Batch batch, SoftTargets targets, int stepSeed) {
        List<Piece> pieces = split(batch.size(), stepSeed);
        ParameterStore mainStore = replicas.store(0);
        NDArray logLogitScale = mainStore.getValue(encoder.logLogitScale(), replicas.mainDevice(), true);
        LossStage.Result result;
        if (chunkSize == 0) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList images = new NDList();
                NDList texts = new NDList();
                for (Piece p : pieces) {
                    NDArray[] e = embed(scope, batch, p);
                    images.add(e[0].toDevice(replicas.mainDevice(), false));
                    texts.add(e[1].toDevice(replicas.mainDevice(), false));
                }
                result = lossStage.compute(mainStore, concat(images), concat(texts), logLogitScale, targets);
                collector.backward(result.total());
            }
        } else {
            NDList images = new NDList();
            NDList texts = new NDList();
            for (Piece p : pieces) { // stage 1: no graph is recorded outside a collector
                NDArray[] e = embed(scope, batch, p);
                images.add(e[0].toDevice(replicas.mainDevice(), false));
                texts.add(e[1].toDevice(replicas.mainDevice(), false));
            }
            NDArray imageLeaves = concat(images).stopGradient();
            NDArray textLeaves = concat(texts).stopGradient();
            imageLeaves.setRequiresGradient(true);
            textLeaves.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                result = lossStage.compute(mainStore, imageLeaves, textLeaves, logLogitScale, targets);
                collector.backward(result.total()); // stage 2: also fills logit scale and head gradients
                NDArray imageGrad = imageLeaves.getGradient().duplicate();
                NDArray textGrad = textLeaves.getGradient().duplicate();
                for (Piece p : pieces) { // stage 3
                    NDArray[] e = embed(scope, batch, p);
                    Device device = replicas.device(p.replica());
                    NDIndex rows = new NDIndex("{}:{}", p.from(), p.to());
                    NDArray surrogate = e[0].mul(imageGrad.get(rows).toDevice(device, false)).sum()
                            .add(e[1].mul(textGrad.get(rows).toDevice(device, false)).sum());
                    collector.backward(surrogate);
                }
            }
        }
        return new StepLosses(value(result.total()), value(result.contrastive()),
                result.distillation() == null ? 0.0 : value(result.distillation()), result.labelledRows());
    }

    private NDArray[] embed(NDManager scope, Batch batch, Piece p) {
        Engine.getInstance().setRandomSeed(p.seed());
        Device device = replicas.device(p.replica());
        Batch part = batch.slice(p.from(), p.to());
        NDArray images = part.images(scope).toDevice(device, false);
        NDArray tokens = part.tokenArray(scope).toDevice(device, false);
        ParameterStore store = replicas.store(p.replica());
        return new NDArray[] {encoder.encodeImage(store, images, true), encoder.encodeText(store, tokens, true)};
    }

    /** Shards the batch evenly over the replicas, then each shard into chunks. */
    private List<Piece> split(int n, int stepSeed) {
        int shards = replicas.size();
        if (n < shards) {
            throw new IllegalArgumentException("batch of " + n + " cannot be sharded over " + shards + " devices");
        }
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        for (int r = 0; r < shards; r++) {
            int end = start + n / shards + (r < n % shards ? 1 : 0);
            int step = chunkSize == 0 ? end - start : chunkSize;
            for (int from = start; from < end; from += step) {
                pieces.add(new Piece(r, from, Math.min(end, from + step), stepSeed * 31 + pieces.size()));
            }
            start = end;
        }
        return pieces;
    }

    private static NDArray concat(NDList parts) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    private static double value(NDArray scalar) {
        return scalar.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
}
