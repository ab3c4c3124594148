package io.dihit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.model.ClipConfig;
import io.dihit.train.config.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JSON example in docs/*.md, README.md and Javadoc {@code <pre>} blocks of the main sources is parsed with the
 * parser of what it documents, so an example cannot drift from the code. Each example is mapped to a parser
 * explicitly: a Markdown fence by its info string ({@code ```json train-config}), a shell here-document in a doc and
 * a Javadoc block by the tables below. An example with no mapping fails, so a new one cannot go unchecked.
 */
class DocsJsonExamplesTest {

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Kind of example -> the parser it must pass. */
    private static final Map<String, Consumer<String>> PARSERS = Map.of(
            "train-config", DocsJsonExamplesTest::parseTrainConfig,
            "clip-config", ClipConfig::fromJson,
            "output", DocsJsonExamplesTest::parsePlainJson);

    /** Javadoc {@code <pre>} JSON examples: source file (from the project root) -> kind. */
    private static final Map<String, String> JAVADOC_KINDS = Map.of(
            "dihit-train/src/main/java/io/dihit/train/config/TrainConfig.java", "train-config",
            "dihit-core/src/main/java/io/dihit/core/model/ClipConfig.java", "clip-config");

    /** JSON written by {@code cat > FILE <<'JSON'} in a doc's shell block: "doc FILE" -> kind. */
    private static final Map<String, String> HEREDOC_KINDS = Map.of(
            "docs/benchmarks.md /tmp/rss.json", "train-config");

    private static final Pattern FENCE = Pattern.compile("(?m)^```([^\\n]*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern HEREDOC = Pattern.compile("(?m)^cat > (\\S+) <<'JSON'\\n(.*?)^JSON$", Pattern.DOTALL);
    private static final Pattern PRE = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL);

    private record Example(String where, String kind, String json) {
    }

    @Test
    void everyJsonExampleParsesWithTheParserItDocuments() throws IOException {
        Path root = projectRoot();
        List<Example> examples = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (Path doc : docs(root)) {
            collectMarkdown(root.relativize(doc).toString(), Files.readString(doc), examples, unmapped);
        }
        try (Stream<Path> sources = Files.walk(root)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java") && p.toString().contains("src/main/java"))
                    .sorted().toList()) {
                collectJavadoc(root.relativize(source).toString(), Files.readString(source), examples, unmapped);
            }
        }
        assertEquals(List.of(), unmapped, "JSON examples with no parser: mark the fence (```json train-config) or add"
                + " the file to a table of this test");

        List<String> failures = new ArrayList<>();
        for (Example example : examples) {
            try {
                PARSERS.get(example.kind()).accept(example.json());
            } catch (RuntimeException e) {
                failures.add(example.where() + " (" + example.kind() + "): " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);

        Set<String> wheres = new TreeSet<>();
        examples.forEach(e -> wheres.add(e.where().replaceAll(":\\d+$", "")));
        for (String table : concat(JAVADOC_KINDS.keySet(), HEREDOC_KINDS.keySet())) {
            assertTrue(wheres.stream().anyMatch(w -> w.startsWith(table.split(" ")[0])),
                    "no example found for table entry " + table + " (stale entry?)");
        }
        assertTrue(wheres.contains("docs/train.md") && wheres.contains("docs/model.md"), "found: " + wheres);
    }

    @Test
    void anUnmarkedFenceOrUnknownKindIsReportedAsUnmapped() {
        List<Example> examples = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        collectMarkdown("docs/x.md", "a\n```json\n{\"a\": 1}\n```\n```\n{\"b\": 2}\n```\n```json nonsense\n[1]\n```\n"
                + "```json output\n{\"c\": 3}\n```\n", examples, unmapped);
        assertEquals(List.of("docs/x.md:2 json", "docs/x.md:5 unmarked JSON", "docs/x.md:8 json nonsense"), unmapped);
        assertEquals(List.of(new Example("docs/x.md:11", "output", "{\"c\": 3}\n")), examples);
    }

    private static void collectMarkdown(String doc, String text, List<Example> examples, List<String> unmapped) {
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            String where = doc + ":" + lineOf(text, fence.start());
            String info = fence.group(1).trim();
            String body = fence.group(2);
            if (info.equals("json") || info.startsWith("json ")) {
                String kind = info.substring(4).trim();
                if (PARSERS.containsKey(kind)) {
                    examples.add(new Example(where, kind, body));
                } else {
                    unmapped.add(where + " " + info);
                }
                continue;
            }
            Matcher heredoc = HEREDOC.matcher(body);
            while (heredoc.find()) {
                String kind = HEREDOC_KINDS.get(doc + " " + heredoc.group(1));
                if (kind == null) {
                    unmapped.add(where + " here-document " + heredoc.group(1));
                } else {
                    examples.add(new Example(where, kind, heredoc.group(2)));
                }
            }
            if (startsLikeJson(heredoc.replaceAll(""))) {
                unmapped.add(where + " unmarked JSON");
            }
        }
    }

    private static void collectJavadoc(String source, String text, List<Example> examples, List<String> unmapped) {
        Matcher pre = PRE.matcher(text);
        while (pre.find()) {
            String body = pre.group(1).replaceAll("(?m)^\\s*\\* ?", "").trim();
            if (body.startsWith("{@code") && body.endsWith("}")) {
                body = body.substring("{@code".length(), body.length() - 1).trim();
            }
            if (!startsLikeJson(body)) {
                continue;
            }
            String where = source + ":" + lineOf(text, pre.start());
            String kind = JAVADOC_KINDS.get(source);
            if (kind == null) {
                unmapped.add(where + " Javadoc JSON");
            } else {
                examples.add(new Example(where, kind, body));
            }
        }
    }

    private static boolean startsLikeJson(String body) {
        String trimmed = body.strip();
        return trimmed.startsWith("{") || trimmed.startsWith("[");
    }

    /** A training config, and the bundled model it names. */
    private static void parseTrainConfig(String json) {
        TrainConfig config = TrainConfig.parse(json);
        if (config.model() != null && config.model().name() != null) {
            ClipConfig.named(config.model().name());
        }
    }

    private static void parsePlainJson(String json) {
        try {
            STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static List<Path> docs(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("dihit-core"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("no project root above " + Path.of("").toAbsolutePath()));
        }
        return dir;
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
