package io.dihit.examples.demo;

import ai.djl.ndarray.NDManager;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.examples.cli.Subcommand;
import io.dihit.examples.data.DataLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** {@code dihit demo [--quick] [--out DIR] [--seeds N]}: the end-to-end DiHT pipeline on the emoji styles. */
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
                dihit demo [--quick] [--out DIR] [--seeds N]
                  Builds manifests from the fetched emoji data (train: apple, google, facebook; held out: twitter),
                  CAT-filters them, trains a concept teacher, pre-trains CLIP variants (InfoNCE, +HN-NCE,
                  +distillation, +CAT) over several seeds, evaluates zero-shot retrieval and classification on
                  twitter and few-shot probes on twitter subcategories and Fashion-MNIST, and writes
                  DIR/report.md with tables and PNG plots.
                  --quick     the small preset (<= 3 minutes; what CI runs)
                  --out DIR   output folder (default runs/demo, or runs/demo-quick with --quick)
                  --seeds N   training seeds per variant (default 3; 1 with --quick)
                Run `dihit fetch-data` first.""";
    }

    /** Parses the options into a config; throws IllegalArgumentException on bad input. */
    public static DemoConfig parse(String[] args) {
        boolean quick = false;
        Path out = null;
        Integer seeds = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(CommandLineArgs.value(args, ++i, "--out"));
                case "--seeds" -> {
                    String v = CommandLineArgs.value(args, ++i, "--seeds");
                    try {
                        seeds = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seeds needs a number, got '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (see dihit demo --help)");
            }
        }
        if (out == null) {
            out = DataLayout.projectDir().resolve(quick ? "runs/demo-quick" : "runs/demo");
        }
        DemoConfig config = quick ? DemoConfig.quick(out) : DemoConfig.full(out);
        return seeds == null ? config : config.withSeeds(seeds);
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
        try (NDManager manager = NDManager.newBaseManager()) {
            DemoContext context = new DemoContext(config, layout, log, manager);
            DemoPipeline.standard().run(context);
            double seconds = (System.nanoTime() - start) / 1e9;
            Path report = DemoReportWriter.write(context, seconds);
            log.printf(Locale.ROOT, "demo finished in %.1f s%n", seconds);
            return report;
        }
    }
}
