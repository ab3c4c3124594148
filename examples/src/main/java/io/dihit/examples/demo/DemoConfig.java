package io.dihit.examples.demo;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;

/**
 * What one demo run does. Two presets: the full demo (at most 15 min on 2 cores) and {@code --quick}
 * (at most 3 min, what CI runs end to end).
 *
 * @param out                where manifests, checkpoints, report.md and plots go
 * @param quick              the quick preset (recorded in the report)
 * @param seeds              training seeds per variant; the tables give mean ± std over them
 * @param captionsPerConcept captions generated per concept and style
 * @param dataSeed           seed of caption generation (fixed across training seeds, so seeds vary only training)
 * @param shots              few-shot sizes per class
 * @param shotSamplings      random draws of the k-shot training set per size
 * @param model              bundled ClipConfig name of the student (and of the teacher's image tower)
 * @param teacher            the concept teacher's training run
 * @param student            each pre-training run of the ablation
 * @param textSpotting       OCR in the CAT filter (the quick preset skips it: one OCR pass per training row)
 */
public record DemoConfig(@JsonSerialize(using = ToStringSerializer.class) Path out, boolean quick, int seeds, int captionsPerConcept, long dataSeed, List<Integer> shots,
                         int shotSamplings, String model, ConceptClassifierTraining.Config teacher, StudentTraining student,
                         boolean textSpotting) {

    public DemoConfig {
        if (out == null) {
            throw new IllegalArgumentException("output folder must be given");
        }
        if (seeds < 1 || seeds > 10) {
            throw new IllegalArgumentException("seeds must be in [1, 10]: " + seeds);
        }
        if (captionsPerConcept < 1) {
            throw new IllegalArgumentException("captions per concept must be positive: " + captionsPerConcept);
        }
        if (shots.isEmpty() || shots.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("shots must be positive: " + shots);
        }
        if (shotSamplings < 1) {
            throw new IllegalArgumentException("shot samplings must be positive: " + shotSamplings);
        }
        shots = List.copyOf(shots);
        if (model == null || model.isBlank() || teacher == null || student == null) {
            throw new IllegalArgumentException("model name, teacher and student configs are required");
        }
    }

    public static DemoConfig full(Path out) {
        return new DemoConfig(out, false, 3, 4, 20230105L, List.of(1, 2, 4, 8, 16), 3, "demo_tiny",
                new ConceptClassifierTraining.Config(400, 64, 3e-3, 7), new StudentTraining(120, 128, 1e-3, 1.0), true);
    }

    public static DemoConfig quick(Path out) {
        return new DemoConfig(out, true, 1, 3, 20230105L, List.of(1, 4, 16), 1, "demo_tiny",
                new ConceptClassifierTraining.Config(20, 48, 3e-3, 7), new StudentTraining(50, 128, 1e-3, 1.0), false);
    }

    public DemoConfig withSeeds(int n) {
        return new DemoConfig(out, quick, n, captionsPerConcept, dataSeed, shots, shotSamplings, model, teacher, student, textSpotting);
    }

    public Path manifestsDir() {
        return out.resolve("manifests");
    }

    public Path plotsDir() {
        return out.resolve("plots");
    }
}
