package io.dihit.examples;

import io.dihit.examples.cli.FetchDataCommand;
import io.dihit.examples.cli.ModuleEntryPoint;
import io.dihit.examples.cli.SmokeCommand;
import io.dihit.examples.cli.Subcommand;
import io.dihit.examples.demo.DemoCommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code dihit} command line: one verb per pipeline stage, plus the demo. */
public final class Dihit {

    public static final List<ModuleEntryPoint> MODULES = List.of(
            new ModuleEntryPoint("filter", "CAT-filter a manifest (caption complexity, actions, text spotting)", "io.dihit.filter.FilterMain"),
            new ModuleEntryPoint("distill", "teacher soft labels for manifests or tar shards (concept distillation)", "io.dihit.train.distill.DistillMain"),
            new ModuleEntryPoint("train", "pre-train a CLIP model (InfoNCE / HN-NCE, concept distillation)", "io.dihit.train.TrainMain"),
            new ModuleEntryPoint("eval", "zero-shot classification and retrieval, few-shot probes", "io.dihit.eval.EvalMain"));

    private final Map<String, Subcommand> commands = new LinkedHashMap<>();

    public Dihit() {
        List<Subcommand> all = new ArrayList<>();
        all.add(new DemoCommand());
        all.add(new SmokeCommand(MODULES));
        all.addAll(MODULES);
        all.add(new FetchDataCommand());
        all.forEach(c -> commands.put(c.name(), c));
    }

    public static void main(String[] args) {
        System.exit(new Dihit().run(args, System.out, System.err));
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        Subcommand command = commands.get(args[0]);
        if (command == null) {
            err.println("dihit: unknown command '" + args[0] + "'\n" + usage());
            return 2;
        }
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (IllegalArgumentException e) {
            err.println("dihit " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("dihit " + command.name() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    public String usage() {
        StringBuilder sb = new StringBuilder("usage: dihit <command> [options]   (dihit <command> --help for its options)\n\ncommands:\n");
        commands.values().forEach(c -> sb.append(String.format("  %-11s %s%n", c.name(), c.summary())));
        return sb.toString();
    }
}
