package io.dihit.train.distill;

import io.dihit.core.util.CommandLineArgs;
import io.dihit.core.util.ProgressBar;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of the soft-label precompute ({@code dihit distill}); a thin layer over
 * {@link SoftLabels#precompute}. Arguments, inputs and the output folder are checked before the
 * teacher loads; errors are one-line {@link IllegalArgumentException}s (options) or
 * {@link io.dihit.core.util.UserError}s (files).
 */
public final class DistillMain {

    static final String USAGE = """
            usage: dihit distill --data INPUT... --teacher MODEL --out LABELS [options]

            Runs a frozen concept teacher once over every row of the inputs and writes each sample's
            top-k concept probabilities to LABELS (the sidecar that training reads: "distillation":
            {"soft_labels": LABELS} in the training config), every skipped or failed row by id to
            LABELS.failures.jsonl, and the
            provenance and counts (labelled + skipped + failed = read) to LABELS.json. Outputs appear
            only when the run completes; an interrupted run is simply run again.

            options:
              --data INPUT...      manifests (.csv, .jsonl) and/or tar shards (.tar); repeatable
              --teacher MODEL      TorchScript (.pt) or ONNX (.onnx) model: (N, 3, S, S) images -> (N, C) logits
              --out LABELS         the sidecar file to write (e.g. labels.soft)
              --image-size S       teacher input side; images are resized, centre-cropped and CLIP-normalised (224)
              --top-k K            concepts kept per sample (10)
              --temperature T      divides the logits before the softmax (1.0)
              --batch-size N       images per teacher call (64)
              --threads N          image decoding threads (one per core)
              --quiet              no progress bar
              --help               this text
            """;

    private DistillMain() {}

    /** Parsed command-line options; {@code help} means print the usage and stop. */
    public record Options(List<Path> data, TeacherSpec teacher, Path out, SoftLabelConfig config, boolean quiet,
                          String master, boolean help) {}

    public static void main(String[] args) throws Exception {
        CommandLineArgs.main("distill", args, DistillMain::run);
    }

    /** The {@code dihit distill} entry: parses, checks and runs; returns the exit code (0). */
    public static int run(String[] args, PrintStream out) {
        execute(args, out);
        return 0;
    }

    /** Parses, checks and runs; returns the counts, or null after --help. */
    static DistillReport execute(String[] args, PrintStream out) {
        Options o = parse(args, false);
        if (o.help()) {
            out.print(USAGE);
            return null;
        }
        DistillReport report;
        try (ProgressBar bar = o.quiet() ? null : new ProgressBar(out, "distill", 0)) {
            report = SoftLabels.precompute(o.teacher(), o.data(), o.out(), o.config(), bar);
        }
        out.println(summary(report, o.out()));
        return report;
    }

    /** The line printed at the end of a run. */
    public static String summary(DistillReport report, Path sidecar) {
        return "soft labels: " + report + " -> " + sidecar + " (unlabelled rows: " + SoftLabels.failuresFile(sidecar) + ")";
    }

    /**
     * Parses the options of {@code dihit distill}; with {@code withMaster} also {@code --master URL}
     * (the Spark job's). Everything but files is checked here.
     */
    public static Options parse(String[] args, boolean withMaster) {
        List<Path> data = new ArrayList<>();
        Path teacher = null;
        Path output = null;
        String master = null;
        int imageSize = 224;
        boolean quiet = false;
        SoftLabelConfig config = SoftLabelConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return new Options(List.of(), null, null, config, quiet, null, true);
                }
                case "--data" -> {
                    data.add(Path.of(CommandLineArgs.value(args, ++i, option)));
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        data.add(Path.of(args[++i]));
                    }
                }
                case "--teacher" -> teacher = Path.of(CommandLineArgs.value(args, ++i, option));
                case "--out" -> output = Path.of(CommandLineArgs.value(args, ++i, option));
                case "--image-size" -> imageSize = integer(args, ++i, option);
                case "--top-k" -> config = config.withTopK(integer(args, ++i, option));
                case "--temperature" -> config = config.withTemperature(number(args, ++i, option));
                case "--batch-size" -> config = config.withBatchSize(integer(args, ++i, option));
                case "--threads" -> config = config.withThreads(integer(args, ++i, option));
                case "--quiet" -> quiet = true;
                default -> {
                    if (withMaster && option.equals("--master")) {
                        master = CommandLineArgs.value(args, ++i, option);
                    } else {
                        throw new IllegalArgumentException("unknown option " + option + " (see --help)");
                    }
                }
            }
        }
        if (data.isEmpty() || teacher == null || output == null) {
            throw new IllegalArgumentException("--data, --teacher and --out are required (see --help)");
        }
        return new Options(List.copyOf(data), TeacherSpec.of(teacher, imageSize), output, config, quiet, master, false);
    }

    private static int integer(String[] args, int i, String option) {
        String v = CommandLineArgs.value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }

    private static double number(String[] args, int i, String option) {
        String v = CommandLineArgs.value(args, i, option);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + v + "'");
        }
    }
}
