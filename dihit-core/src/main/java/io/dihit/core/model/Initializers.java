package io.dihit.core.model;

import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;

/**
 * The initial values DiHT's PyTorch code produces. Explicit normal std values follow DiHT's
 * {@code init_parameters}; everything it leaves alone gets PyTorch's module defaults
 * (Linear / Conv: uniform with bound 1/sqrt(fan_in); MultiheadAttention: xavier-uniform in_proj, zero biases).
 */
final class Initializers {
    private Initializers() {
    }

    static Initializer normal(double std) {
        return new NormalInitializer((float) std);
    }

    static Initializer uniform(double bound) {
        return new UniformInitializer((float) bound);
    }

    /** PyTorch's default for Linear/Conv weights and Linear biases: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    static Initializer torchDefault(long fanIn) {
        return uniform(1.0 / Math.sqrt(fanIn));
    }

    /** {@code xavier_uniform_} bound: sqrt(6 / (fan_in + fan_out)). */
    static Initializer xavierUniform(long fanIn, long fanOut) {
        return uniform(Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    static Initializer constant(double value) {
        return new ConstantInitializer((float) value);
    }

    static Initializer zeros() {
        return constant(0);
    }

    static Initializer ones() {
        return constant(1);
    }
}
