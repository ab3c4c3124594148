package io.dihit.train;

import io.dihit.core.io.Provenance;
import io.dihit.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The provenance of what a training run writes (its checkpoints' and its final model's metadata). */
public final class RunProvenance {

    private RunProvenance() {}

    /**
     * The full training config, a fingerprint of its input files (manifests or shards, and the teacher's
     * soft labels; none for synthetic data) and the seed, with the running versions.
     */
    public static Provenance capture(TrainConfig config) {
        List<Path> inputs = new ArrayList<>();
        if (config.data() != null && !config.data().type().equals("synthetic")) {
            config.data().manifests().forEach(m -> inputs.add(Path.of(m)));
            config.data().shards().forEach(s -> inputs.add(Path.of(s)));
        }
        if (config.distillation() != null) {
            inputs.add(Path.of(config.distillation().softLabels()));
        }
        return Provenance.capture(config, inputs.isEmpty() ? null : Provenance.fingerprint(inputs), config.seed());
    }
}
