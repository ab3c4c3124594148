package io.dihit.eval;

import io.dihit.core.util.CommandLineArgs;
import io.dihit.core.util.UserError;
import java.io.IOException;
import io.dihit.core.io.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code dihit eval}: the task, then --key value pairs and a few flags. {@link #parse}
 * checks everything that can be checked without data or model (values, files that must exist, the output
 * folder), so a mistake is reported at once rather than after the model has loaded.
 */
final class EvalOptions {
    static final List<String> TASKS = List.of("zeroshot", "retrieval", "linear", "fewshot");
    static final List<String> FLAGS = List.of("random-init", "no-cache", "help");
    static final List<String> KEYS = List.of("dataset", "max-train", "max-test", "checkpoint", "config", "merges",
            "features", "device", "batch", "cache", "templates", "shots", "samplings", "seed", "threads", "lambdas", "out");
    private static final List<String> INTEGERS = List.of("max-train", "max-test", "batch", "samplings", "seed", "threads");

    final Map<String, String> values = new LinkedHashMap<>();
    String task;
    boolean help;

    static EvalOptions parse(String[] args) {
        EvalOptions o = new EvalOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                o.help = true;
            } else if (a.startsWith("--")) {
                String key = a.substring(2);
                if (FLAGS.contains(key)) {
                    o.values.put(key, "true");
                } else if (KEYS.contains(key)) {
                    o.values.put(key, CommandLineArgs.value(args, ++i, a));
                } else {
                    throw new IllegalArgumentException("unknown option " + a + " (dihit eval --help lists the options)");
                }
            } else if (o.task == null) {
                o.task = a;
            } else {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
        }
        if (!o.help) {
            o.validate();
        }
        return o;
    }

    private void validate() {
        if (task == null) {
            throw new IllegalArgumentException("no task given (zeroshot, retrieval, linear, fewshot)");
        }
        if (!TASKS.contains(task)) {
            throw new IllegalArgumentException("unknown task '" + task + "' (zeroshot, retrieval, linear, fewshot)");
        }
        if (get("dataset") == null) {
            throw new IllegalArgumentException("--dataset is required");
        }
        INTEGERS.forEach(k -> integer(k, 0));
        shots(new int[] {1});
        lambdas(new double[] {1});
        if (get("features") != null && !pixels()) {
            throw new IllegalArgumentException("--features accepts only 'pixels'");
        }
        if (pixels() && !task.equals("linear")) {
            throw new IllegalArgumentException("--features pixels works with the linear task only");
        }
        if (!pixels()) {
            if (get("checkpoint") == null && !flag("random-init")) {
                throw new IllegalArgumentException("--checkpoint is required (or --random-init for speed checks)");
            }
            if (get("checkpoint") != null && !Files.exists(Path.of(get("checkpoint")))) {
                throw new UserError("--checkpoint " + get("checkpoint") + ": not found");
            }
            if (get("config") == null && (get("checkpoint") == null || !carriesConfig(Path.of(get("checkpoint"))))) {
                throw new IllegalArgumentException("--config is required: only dihit's safetensors (a model file, a "
                        + "training checkpoint or a run directory) carry one");
            }
        }
        if (get("out") != null && Files.exists(Path.of(get("out"))) && !Files.isDirectory(Path.of(get("out")))) {
            throw notAFolder(Path.of(get("out")));
        }
        if (needsText()) {
            if (get("merges") == null) {
                throw new IllegalArgumentException("--merges is required for " + task + " (the tokenizer's merges file)");
            }
            requireFile("merges");
        }
    }

    /** Whether the task embeds text (class prompts or captions). */
    boolean needsText() {
        return !task.equals("linear");
    }

    boolean pixels() {
        return "pixels".equals(get("features"));
    }

    /** Whether the checkpoint (file, training checkpoint or run directory) resolves to a model file with its config; reads headers only. */
    private static boolean carriesConfig(Path checkpoint) {
        try {
            return Checkpoints.readConfig(checkpoint).isPresent();
        } catch (IOException e) {
            throw new UserError("--checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private void requireFile(String key) {
        String v = get(key);
        if (v != null && !Files.isRegularFile(Path.of(v))) {
            throw new UserError("--" + key + " " + v + (Files.exists(Path.of(v)) ? " is not a file" : ": not found"));
        }
    }

    /** The output folder, created when missing; null without --out. Refuses a path that is a file or unwritable. */
    Path outputFolder() {
        if (get("out") == null) {
            return null;
        }
        Path dir = Path.of(get("out"));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw notAFolder(dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": cannot create the folder (" + e + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new UserError("--out " + dir + " is not writable");
        }
        return dir;
    }

    private static UserError notAFolder(Path out) {
        return new UserError("--out " + out + " is a file; give a folder for report.json, report.md and skipped.jsonl");
    }

    String get(String key) {
        return values.get(key);
    }

    boolean flag(String key) {
        return values.containsKey(key);
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects an integer, got '" + v + "'");
        }
    }

    int[] shots(int[] fallback) {
        String v = get("shots");
        try {
            return v == null ? fallback : Arrays.stream(v.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shots expects comma-separated integers, got '" + v + "'");
        }
    }

    double[] lambdas(double[] fallback) {
        String v = get("lambdas");
        try {
            return v == null ? fallback
                    : Arrays.stream(v.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lambdas expects comma-separated numbers, got '" + v + "'");
        }
    }
}
