package io.dihit.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import io.dihit.core.model.EngineScalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW as {@code torch.optim.AdamW} computes it (decoupled decay w *= 1 - lr * wd, bias-corrected
 * moments, eps added after the bias-corrected square root), with a per-parameter decay mask.
 * DJL's own Adam/AdamW keep their moments private (no checkpoint, so no exact resume), take one
 * decay for every parameter and read the rate from a tracker; this class exposes its state by
 * parameter name so checkpoints can save and restore it bit for bit.
 */
public final class AdamW implements AutoCloseable {

    private final OptimizerConfig config;
    private final Set<String> decayed;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long steps;

    /**
     * @param decayed names of the parameters that receive weight decay (see {@link io.dihit.core.model.WeightDecayRule})
     * @param parent  manager on the parameters' device; the optimizer's state lives in a sub-manager
     */
    public AdamW(OptimizerConfig config, Set<String> decayed, NDManager parent) {
        this.config = config;
        this.decayed = Set.copyOf(decayed);
        this.manager = parent.newSubManager();
    }

    public OptimizerConfig config() {
        return config;
    }

    /** Number of updates applied so far (t in the bias corrections). */
    public long steps() {
        return steps;
    }

    /**
     * One update of every parameter that has a gradient.
     *
     * @param gradScale multiplies every gradient first (gradient clipping passes its factor here)
     */
    public void step(Map<String, Parameter> parameters, Map<String, NDArray> gradients, double gradScale, double lr) {
        steps++;
        double correction1 = 1 - Math.pow(config.beta1(), steps);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(config.beta2(), steps));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
                String name = e.getKey();
                NDArray weight = parameters.get(name).getArray();
                NDArray grad = gradScale == 1.0 ? e.getValue() : e.getValue().mul(EngineScalars.number(weight, gradScale));
                NDArray m = moment(firstMoments, name, weight);
                NDArray v = moment(secondMoments, name, weight);
                m.muli(EngineScalars.number(m, config.beta1())).addi(grad.mul(EngineScalars.number(grad, 1 - config.beta1())));
                v.muli(EngineScalars.number(v, config.beta2()))
                        .addi(grad.square().mul(EngineScalars.number(grad, 1 - config.beta2())));
                if (config.weightDecay() > 0 && decayed.contains(name)) {
                    weight.muli(EngineScalars.number(weight, 1 - lr * config.weightDecay()));
                }
                NDArray denominator = v.sqrt().div(EngineScalars.number(v, correction2Sqrt)).add(EngineScalars.number(v, config.eps()));
                weight.subi(m.div(denominator).mul(EngineScalars.number(weight, lr / correction1)));
            }
        }
    }

    private NDArray moment(Map<String, NDArray> moments, String name, NDArray like) {
        return moments.computeIfAbsent(name, n -> {
            NDArray zeros = manager.zeros(like.getShape(), like.getDataType(), like.getDevice());
            NDScope.unregister(zeros);
            return zeros;
        });
    }

    /** Moments by parameter name (read-only views of the live arrays, for checkpoints). */
    public Map<String, NDArray> firstMoments() {
        return Collections.unmodifiableMap(firstMoments);
    }

    public Map<String, NDArray> secondMoments() {
        return Collections.unmodifiableMap(secondMoments);
    }

    /** Restores state saved from {@link #firstMoments()}, {@link #secondMoments()} and {@link #steps()}. */
    public void restore(long steps, Map<String, NDArray> first, Map<String, NDArray> second) {
        if (!first.keySet().equals(second.keySet())) {
            throw new IllegalArgumentException("optimizer state has first and second moments for different parameters");
        }
        close(firstMoments);
        close(secondMoments);
        for (String name : first.keySet()) {
            firstMoments.put(name, adopt(first.get(name)));
            secondMoments.put(name, adopt(second.get(name)));
        }
        this.steps = steps;
    }

    private NDArray adopt(NDArray array) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        NDScope.unregister(copy);
        return copy;
    }

    private static void close(Map<String, NDArray> moments) {
        moments.values().forEach(NDArray::close);
        moments.clear();
    }

    @Override
    public void close() {
        manager.close();
    }
}
