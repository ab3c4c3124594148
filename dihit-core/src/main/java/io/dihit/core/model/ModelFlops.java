package io.dihit.core.model;

/**
 * Model FLOPs per sample, counted the way the PyTorch peer benchmark (examples/peer/torch_peer_bench.py)
 * counts them, so model-FLOPs utilisation figures are comparable: per block the q/k/v, output and MLP
 * matmuls (12 w^2 multiply-adds per token) plus the two attention products, and the patch embedding;
 * embeddings, LayerNorm, softmax and the final projections are left out. Training = 3 x forward.
 */
public final class ModelFlops {
    private ModelFlops() {
    }

    public static double forwardPerSample(ClipConfig c) {
        long visionTokens = c.vision().sequenceLength();
        int p = c.vision().patchSize();
        return tower(c.vision().width(), c.vision().layers(), visionTokens)
                + 2.0 * (visionTokens - 1) * 3 * p * p * c.vision().width()
                + tower(c.text().width(), c.text().layers(), c.text().contextLength());
    }

    public static double trainingPerSample(ClipConfig c) {
        return 3 * forwardPerSample(c);
    }

    private static double tower(long width, long layers, long tokens) {
        double perLayer = 2.0 * tokens * (4 * width * width + 2 * 4 * width * width) + 2.0 * 2 * tokens * tokens * width;
        return layers * perLayer;
    }
}
