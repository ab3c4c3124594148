package io.dihit.eval.zeroshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt templates for zero-shot classification: each contains {@code {}} exactly once, replaced by a class
 * name. Files hold one template per line; blank lines and lines starting with '#' are ignored.
 */
public record PromptTemplates(String name, List<String> templates) {
    static final String PLACEHOLDER = "{}";

    public PromptTemplates {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("template set needs a name");
        }
        if (templates == null || templates.isEmpty()) {
            throw new IllegalArgumentException("template set '" + name + "' is empty");
        }
        for (String t : templates) {
            int first = t.indexOf(PLACEHOLDER);
            if (first < 0 || t.indexOf(PLACEHOLDER, first + 1) >= 0) {
                throw new IllegalArgumentException("template '" + t + "' in '" + name + "' must contain {} exactly once");
            }
        }
        templates = List.copyOf(templates);
    }

    /** CLIP's 80 ImageNet templates. */
    public static PromptTemplates imagenet() {
        return builtIn("imagenet");
    }

    /** A short domain-neutral set of six templates. */
    public static PromptTemplates generic() {
        return builtIn("generic");
    }

    /** A built-in set by name ("imagenet", "generic"). */
    public static PromptTemplates builtIn(String name) {
        String resource = "/io/dihit/eval/templates/" + name + ".txt";
        InputStream in = PromptTemplates.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no built-in template set '" + name + "' (have: imagenet, generic)");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new PromptTemplates(name, parse(r.lines().toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a user's template file. */
    public static PromptTemplates fromFile(Path file) throws IOException {
        return new PromptTemplates(file.getFileName().toString(), parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
    }

    /** A built-in name, or else a path to a template file. */
    public static PromptTemplates resolve(String nameOrPath) throws IOException {
        Path p = Path.of(nameOrPath);
        return Files.isRegularFile(p) ? fromFile(p) : builtIn(nameOrPath);
    }

    private static List<String> parse(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    /** The prompts for one class name, in template order. */
    public List<String> apply(String className) {
        return templates.stream().map(t -> t.replace(PLACEHOLDER, className)).toList();
    }

    public int size() {
        return templates.size();
    }
}
