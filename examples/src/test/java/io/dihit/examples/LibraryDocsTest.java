package io.dihit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/library.md shows, for each task, the code that the quickstart project (examples/quickstart, a user's Maven
 * project built against the installed artifacts) runs between its markers
 * {@code // --- docs/library.md "<task>" ---} and {@code // --- end of snippet ---}, line for line (indentation
 * aside), so the docs and the code that proves them cannot drift apart.
 */
class LibraryDocsTest {
    static final List<String> TASKS = List.of(
            "Load a CLIP", "Train from Java", "CAT on in-memory data", "Teacher soft labels", "Evaluate from Java");
    private static final Path DOC = Path.of("..", "docs", "library.md");
    private static final Path QUICKSTART = Path.of("quickstart", "src", "test", "java");

    @Test
    void everyTaskSnippetIsTheCodeTheQuickstartRuns() throws IOException {
        String doc = Files.readString(DOC);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(QUICKSTART)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (String task : TASKS) {
            String marker = "// --- docs/library.md \"" + task + "\" ---";
            List<List<String>> regions = new ArrayList<>();
            for (Path source : sources) {
                String code = Files.readString(source);
                for (int at = code.indexOf(marker); at >= 0; at = code.indexOf(marker, at + 1)) {
                    int start = code.indexOf('\n', at) + 1;
                    int end = code.indexOf("// --- end of snippet ---", start);
                    assertTrue(end > 0, source + ": no end marker after " + marker);
                    regions.add(lines(code.substring(start, end)));
                }
            }
            assertEquals(1, regions.size(), "exactly one quickstart region for '" + task + "'");
            assertEquals(regions.get(0), lines(firstJavaBlock(doc, task)),
                    "docs/library.md '" + task + "' must show the quickstart's code");
        }
    }

    /** The first java code block under {@code ## task}: the snippet; the code it replaced follows it. */
    static String firstJavaBlock(String doc, String task) {
        int start = doc.indexOf("\n## " + task + "\n");
        assertTrue(start >= 0, "docs/library.md has no section '## " + task + "'");
        int end = doc.indexOf("\n## ", start + 4);
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL)
                .matcher(doc.substring(start, end < 0 ? doc.length() : end));
        assertTrue(m.find(), "section '" + task + "' has no java snippet");
        return m.group(1);
    }

    private static List<String> lines(String code) {
        return code.strip().lines().map(String::strip).toList();
    }
}
