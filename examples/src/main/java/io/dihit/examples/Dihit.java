package io.dihit.examples;

import io.dihit.core.util.UserError;
import io.dihit.examples.cli.FetchDataCommand;
import io.dihit.examples.cli.ModuleEntryPoint;
import io.dihit.examples.cli.SmokeCommand;
import io.dihit.examples.cli.Subcommand;
import io.dihit.examples.demo.DemoCommand;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
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

    /**
     * Runs one command and returns its exit code: 0 ok, 2 a usage or user error (printed as one line
     * {@code dihit <command>: <message>}), 1 any other failure (printed with its stack trace).
     * {@code --verbose}, anywhere in {@code args}, adds the stack trace to user errors and is not passed on.
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean verbose = rest.removeIf(a -> a.equals("--verbose"));
        if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h") || rest.get(0).equals("help")) {
            out.println(usage());
            return rest.isEmpty() ? 2 : 0;
        }
        Subcommand command = commands.get(rest.get(0));
        if (command == null) {
            err.println("dihit: unknown command '" + rest.get(0) + "'\n" + usage());
            return 2;
        }
        try {
            return command.run(rest.subList(1, rest.size()).toArray(String[]::new), out, err);
        } catch (Exception e) {
            String userMessage = userMessage(e);
            if (userMessage == null) {
                err.println("dihit " + command.name() + " failed: " + e);
                e.printStackTrace(err);
                return 1;
            }
            err.println("dihit " + command.name() + ": " + userMessage);
            if (verbose) {
                e.printStackTrace(err);
            }
            return 2;
        }
    }

    /**
     * The one-line message of a mistake the user can fix (a bad option or value, a missing file, a wrong
     * folder), or null for any other failure. Multi-line messages are cut to their first line.
     */
    static String userMessage(Throwable e) {
        if (e instanceof UncheckedIOException u && isMissingFile(u.getCause())) {
            e = u.getCause();
        }
        String message;
        if (e instanceof IllegalArgumentException || e instanceof UserError) {
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } else if (e instanceof NoSuchFileException n) {
            message = n.getFile() + ": " + (n.getReason() == null ? "not found" : n.getReason());
        } else if (e instanceof FileNotFoundException) {
            message = e.getMessage();
        } else {
            return null;
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean isMissingFile(Throwable t) {
        return t instanceof NoSuchFileException || t instanceof FileNotFoundException;
    }

    public String usage() {
        StringBuilder sb = new StringBuilder("usage: dihit <command> [options] [--verbose]   (dihit <command> --help for its options;"
                + " --verbose shows stack traces of user errors)\n\ncommands:\n");
        commands.values().forEach(c -> sb.append(String.format("  %-11s %s%n", c.name(), c.summary())));
        return sb.toString();
    }
}
