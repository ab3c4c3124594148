package io.dihit.core.model;

import ai.djl.training.initializer.Initializer;

/**
 * Initial values for the parameters of one residual attention block.
 *
 * @param inProjWeight fused q/k/v projection (3d x d)
 * @param outProjWeight attention output projection (d x d)
 * @param fcWeight MLP c_fc weight
 * @param fcBias MLP c_fc bias
 * @param projWeight MLP c_proj weight
 * @param projBias MLP c_proj bias
 */
record BlockInit(
        Initializer inProjWeight,
        Initializer outProjWeight,
        Initializer fcWeight,
        Initializer fcBias,
        Initializer projWeight,
        Initializer projBias) {

    /**
     * DiHT's text transformer init: in_proj std width^-0.5, out_proj and c_proj std
     * width^-0.5 (2 layers)^-0.5, c_fc std (2 width)^-0.5; the Linear biases keep PyTorch's default.
     */
    public static BlockInit textTower(int width, int layers, int mlpWidth) {
        double projStd = Math.pow(width, -0.5) * Math.pow(2.0 * layers, -0.5);
        return new BlockInit(
                Initializers.normal(Math.pow(width, -0.5)),
                Initializers.normal(projStd),
                Initializers.normal(Math.pow(2.0 * width, -0.5)),
                Initializers.torchDefault(width),
                Initializers.normal(projStd),
                Initializers.torchDefault(mlpWidth));
    }

    /**
     * DiHT leaves the ViT blocks at PyTorch's module defaults: xavier-uniform in_proj, uniform
     * 1/sqrt(fan_in) for out_proj / c_fc / c_proj weights and the Linear biases.
     */
    public static BlockInit torchDefaults(int width, int mlpWidth) {
        return new BlockInit(
                Initializers.xavierUniform(width, 3L * width),
                Initializers.torchDefault(width),
                Initializers.torchDefault(width),
                Initializers.torchDefault(width),
                Initializers.torchDefault(mlpWidth),
                Initializers.torchDefault(mlpWidth));
    }
}
