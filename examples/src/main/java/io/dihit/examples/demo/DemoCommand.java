package io.dihit.examples.demo;

import ai.djl.ndarray.NDManager;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.examples.cli.Subcommand;
import io.dihit.examples.data.DataLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** {@code dihit demo [--quick | --preset P] [--out DIR] [--folds N] [--seeds N] [--device D]}: the end-to-end DiHT pipeline on the emoji styles. */
public final class DemoCommand implements Subcommand {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the end-to-end DiHT demo on four emoji styles: filter, teacher, ablations, evaluation, report.md";
    }

    @Override
    public String usage() {
        return """
                dihit demo [--quick | --preset quick|full|paper] [--out DIR] [--folds N] [--seeds N] [--device cpu|gpu[:i]]
                  Builds manifests from the fetched emoji data with injected noise (text in the image, uninformative
                  alt text, mismatched captions), and for each leave-one-style-out fold (train on three emoji styles,
                  evaluate on the fourth) CAT-filters them, trains a concept teacher and pre-trains the CLIP ladder
                  (InfoNCE, +HN-NCE, +distillation, +CAT; and InfoNCE + CAT) for each seed, every variant of a seed
                  from the same initialisation and batch order. Evaluates zero-shot retrieval and classification on
                  the held-out style and the DiHT vs plain few-shot probe, and writes DIR/report.md with each step's
                  mean paired difference, its 95 % interval over folds x seeds and whether it reproduces.
                  --quick       the quick preset (<= 3 minutes; what CI runs); same as --preset quick
                  --preset P    quick, full (default, <= 15 minutes) or paper (3 folds x 2 seeds, >= 4 epochs per run)
                  --out DIR     output folder (default runs/demo, runs/demo-quick or runs/demo-paper)
                  --folds N     held-out styles, 1-4 (twitter, google, apple, facebook in that order)
                  --seeds N     paired training seeds per fold, 1-10
                  --device D    cpu, gpu or gpu:i (default: the first GPU when the engine sees one, else cpu)
                Run `dihit fetch-data` first.""";
    }

    /** Parses the options into a config; throws IllegalArgumentException on bad input. */
    public static DemoConfig parse(String[] args) {
        String preset = null;
        Path out = null;
        Integer seeds = null;
        Integer folds = null;
        String device = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> preset = choosePreset(preset, DemoConfig.QUICK);
                case "--preset" -> preset = choosePreset(preset, CommandLineArgs.value(args, ++i, "--preset"));
                case "--out" -> out = Path.of(CommandLineArgs.value(args, ++i, "--out"));
                case "--seeds" -> seeds = number(CommandLineArgs.value(args, ++i, "--seeds"), "--seeds");
                case "--folds" -> folds = number(CommandLineArgs.value(args, ++i, "--folds"), "--folds");
                case "--device" -> device = CommandLineArgs.value(args, ++i, "--device");
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (see dihit demo --help)");
            }
        }
        preset = preset == null ? DemoConfig.FULL : preset;
        if (out == null) {
            out = DataLayout.projectDir().resolve(preset.equals(DemoConfig.FULL) ? "runs/demo" : "runs/demo-" + preset);
        }
        DemoConfig config = DemoConfig.preset(preset, out);
        config = seeds == null ? config : config.withSeeds(seeds);
        config = folds == null ? config : config.withFolds(folds);
        return device == null ? config : config.withDevice(device);
    }

    private static String choosePreset(String current, String next) {
        if (current != null && !current.equals(next)) {
            throw new IllegalArgumentException("two presets given: " + current + " and " + next);
        }
        return next;
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (Subcommand.wantsHelp(args)) {
            out.println(usage());
            return 0;
        }
        DemoConfig config = parse(args);
        DataLayout layout = DataLayout.locate();
        layout.requireEmojiData();
        Path report = runDemo(config, layout, out);
        out.println("report: " + report);
        return 0;
    }

    /** Runs the standard pipeline and writes the report; returns the report's path. */
    public static Path runDemo(DemoConfig config, DataLayout layout, PrintStream log) throws Exception {
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(config.engineDevice())) {
            DemoContext context = new DemoContext(config, layout, log, manager);
            DemoPipeline.standard().run(context);
            double seconds = (System.nanoTime() - start) / 1e9;
            Path report = DemoReportWriter.write(context, seconds);
            log.printf(Locale.ROOT, "demo (%s preset) finished in %.1f s on %s%n", config.preset(), seconds, manager.getDevice());
            return report;
        }
    }
}
