package io.dihit.examples.demo;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.dihit.examples.data.NoiseInjector;
import io.dihit.examples.data.StyleFold;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What one demo run does. Three presets: {@code quick} (at most 3 min on 2 cores, what CI runs end to end),
 * {@code full} (at most 15 min) and {@code paper} (the evidence run: 3 folds x 2 seeds, every run at least 4 epochs,
 * about 80 min). Every variant of a replicate (fold x seed) gets the same initialisation and batch order.
 *
 * @param out                where manifests, checkpoints, report.md and plots go
 * @param preset             the preset's name (recorded in the report)
 * @param folds              leave-one-style-out folds ({@link StyleFold#leaveOneOut}), 1-4
 * @param seeds              training seeds per fold; replicates = folds x seeds
 * @param captionsPerConcept captions generated per concept and style
 * @param dataSeed           seed of caption generation, noise injection and few-shot draws (fixed across training seeds)
 * @param noise              rates of the injected noise kinds, as a fraction of the clean pairs
 * @param shots              few-shot sizes per class
 * @param shotSamplings      random draws of the k-shot training set per size
 * @param model              bundled ClipConfig name of the student (and of the teacher's image tower)
 * @param teacher            the concept teacher's training run
 * @param student            each pre-training run of the ablation (its steps are a minimum, see minEpochs)
 * @param minEpochs          each run trains at least this many epochs of its fold's (noisy) training set; 0 = student.steps
 * @param textSpotting       OCR in the CAT filter (the quick preset skips it: one OCR pass per training image)
 * @param device             "cpu", "gpu" or "gpu:i"; null = the first GPU when the engine sees one, else the CPU
 */
public record DemoConfig(@JsonSerialize(using = ToStringSerializer.class) Path out, String preset, int folds, int seeds,
                         int captionsPerConcept, long dataSeed, NoiseInjector.Rates noise, List<Integer> shots,
                         int shotSamplings, String model, ConceptClassifierTraining.Config teacher, StudentTraining student,
                         double minEpochs, boolean textSpotting, String device) {

    public static final String QUICK = "quick";
    public static final String FULL = "full";
    public static final String PAPER = "paper";

    public DemoConfig {
        if (out == null) {
            throw new IllegalArgumentException("output folder must be given");
        }
        if (!List.of(QUICK, FULL, PAPER).contains(preset)) {
            throw new IllegalArgumentException("unknown preset '" + preset + "', expected quick, full or paper");
        }
        StyleFold.leaveOneOut(folds);
        if (seeds < 1 || seeds > 10) {
            throw new IllegalArgumentException("seeds must be in [1, 10]: " + seeds);
        }
        if (captionsPerConcept < 1) {
            throw new IllegalArgumentException("captions per concept must be positive: " + captionsPerConcept);
        }
        if (noise == null) {
            throw new IllegalArgumentException("noise rates are required (NoiseInjector.Rates.NONE for none)");
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
        if (!(minEpochs >= 0)) {
            throw new IllegalArgumentException("minimum epochs must be >= 0: " + minEpochs);
        }
        if (device != null) {
            parseDevice(device);
        }
    }

    /** CI's end-to-end run: one fold, two paired seeds, 30 steps per run, no OCR. */
    public static DemoConfig quick(Path out) {
        return new DemoConfig(out, QUICK, 1, 2, 2, 20230105L, new NoiseInjector.Rates(0.05, 0.05, 0.05), List.of(1, 4, 16), 1,
                "demo_tiny", new ConceptClassifierTraining.Config(20, 48, 3e-3, 7), new StudentTraining(30, 128, 1e-3, 1.0), 0, false, null);
    }

    /** One fold (held-out twitter), three paired seeds, 100 steps per run, OCR on. */
    public static DemoConfig full(Path out) {
        return new DemoConfig(out, FULL, 1, 3, 4, 20230105L, new NoiseInjector.Rates(0.1, 0.1, 0.1), List.of(1, 2, 4, 8, 16), 2,
                "demo_tiny", new ConceptClassifierTraining.Config(400, 64, 3e-3, 7), new StudentTraining(100, 128, 1e-3, 1.0), 0, true, null);
    }

    /** Three folds x two paired seeds = 6 replicates per ladder step, every run >= 4 epochs, OCR on. */
    public static DemoConfig paper(Path out) {
        return new DemoConfig(out, PAPER, 3, 2, 2, 20230105L, new NoiseInjector.Rates(0.1, 0.1, 0.1), List.of(1, 2, 4, 8, 16), 3,
                "demo_tiny", new ConceptClassifierTraining.Config(400, 64, 3e-3, 7), new StudentTraining(100, 128, 1e-3, 1.0), 4, true, null);
    }

    public static DemoConfig preset(String name, Path out) {
        return switch (name) {
            case QUICK -> quick(out);
            case FULL -> full(out);
            case PAPER -> paper(out);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "', expected quick, full or paper");
        };
    }

    public boolean quick() {
        return QUICK.equals(preset);
    }

    public DemoConfig withSeeds(int n) {
        return new DemoConfig(out, preset, folds, n, captionsPerConcept, dataSeed, noise, shots, shotSamplings, model, teacher, student,
                minEpochs, textSpotting, device);
    }

    public DemoConfig withFolds(int n) {
        return new DemoConfig(out, preset, n, seeds, captionsPerConcept, dataSeed, noise, shots, shotSamplings, model, teacher, student,
                minEpochs, textSpotting, device);
    }

    public DemoConfig withDevice(String spec) {
        return new DemoConfig(out, preset, folds, seeds, captionsPerConcept, dataSeed, noise, shots, shotSamplings, model, teacher, student,
                minEpochs, textSpotting, spec);
    }

    public List<StyleFold> styleFolds() {
        return StyleFold.leaveOneOut(folds);
    }

    /** Every (fold, seed) pair, fold-major: the replicates each ladder step is compared over. */
    public List<Replicate> replicates() {
        List<Replicate> out = new java.util.ArrayList<>();
        for (StyleFold fold : styleFolds()) {
            for (int seed = 1; seed <= seeds; seed++) {
                out.add(new Replicate(fold, seed));
            }
        }
        return List.copyOf(out);
    }

    /** Steps of each run in a fold whose noisy training set has {@code rows} pairs: at least student.steps and minEpochs. */
    public int stepsFor(int rows) {
        long forEpochs = (long) Math.ceil(minEpochs * rows / student.batchSize());
        return (int) Math.max(student.steps(), forEpochs);
    }

    /** The device the demo computes on: the configured one, else the first GPU the engine sees, else the CPU. */
    public Device engineDevice() {
        if (device != null) {
            return parseDevice(device);
        }
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** "cpu", "gpu" (= gpu:0) or "gpu:i". */
    static Device parseDevice(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu")) {
            return Device.gpu();
        }
        if (s.startsWith("gpu:")) {
            try {
                int id = Integer.parseInt(s.substring(4));
                if (id >= 0) {
                    return Device.gpu(id);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("device must be cpu, gpu or gpu:<index>, got '" + spec + "'");
    }

    public Path manifestsDir() {
        return out.resolve("manifests");
    }

    public Path plotsDir() {
        return out.resolve("plots");
    }

    /** A fold's own outputs (noisy manifest, kinds, CAT, soft labels, runs). */
    public Path foldDir(StyleFold fold) {
        return out.resolve(fold.key());
    }
}
