package io.dihit.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dihit.train.config.TrainConfig;
import io.dihit.core.data.BatchSource;
import io.dihit.train.data.SyntheticBatches;
import io.dihit.train.distill.SoftLabelFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared setup of the loop tests (also used by the child JVM of the kill test). */
final class LoopFixtures {

    static final int BATCH = 8;

    private LoopFixtures() {}

    static TrainConfig config(Path runDir, long steps, String extraJson) {
        return TrainConfig.parse("""
                {"run_dir": "%s", "seed": 5, "steps": %d, "batch_size": %d,
                 "loss": {"type": "hn_nce", "alpha": 1, "beta1": 0.5, "beta2": 0.5},
                 "optimizer": {"lr": 0.05, "warmup_steps": 2, "weight_decay": 0.1, "clip_norm": 1.0},
                 "checkpoint_every": 2, "keep_checkpoints": 2, "progress": false %s}
                """.formatted(runDir.toString().replace("\\", "\\\\"), steps, BATCH, extraJson));
    }

    static BatchSource data() {
        return new SyntheticBatches(9, BATCH, 4, 6, 20, 1_000);
    }

    /** Trains with a freshly initialised encoder (init seed) and returns the final parameter values by name. */
    static Map<String, float[]> train(TrainConfig config, BatchSource data, long stopAt, int initSeed,
                                      SoftLabelFile labels) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyDualEncoder encoder = TinyDualEncoder.create(manager, initSeed, Math.log(1 / 0.07));
            try (TrainingLoop loop = new TrainingLoop(config, encoder, manager, List.of(Device.cpu()), labels,
                    TrainingListener.defaults(config))) {
                loop.run(data, stopAt);
                return values(loop.parameters());
            }
        }
    }

    static Map<String, float[]> values(Map<String, Parameter> parameters) {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }
}
