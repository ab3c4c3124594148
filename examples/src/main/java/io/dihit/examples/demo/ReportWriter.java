package io.dihit.examples.demo;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dihit.examples.data.EmojiConcept;
import io.dihit.examples.data.EmojiManifests;
import io.dihit.examples.data.EmojiStyle;
import io.dihit.examples.report.ImageGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Writes report.md (tables, plots, config, versions) and report.json (the same numbers for machines). */
public final class ReportWriter {

    public static final String REPORT_MD = "report.md";
    public static final String REPORT_JSON = "report.json";
    static final String STYLES_PNG = "styles.png";

    private ReportWriter() {
    }

    public static Path write(DemoContext context, double totalSeconds) {
        DemoConfig config = context.config();
        StringBuilder md = new StringBuilder();
        md.append("# DiHT demo report\n\n");
        md.append(String.format(Locale.ROOT, "Run finished %s, %s preset, total %.1f s (%.1f min) on %d cores.%n%n",
                Instant.now(), config.quick() ? "quick" : "full", totalSeconds, totalSeconds / 60,
                Runtime.getRuntime().availableProcessors()));
        appendData(md, context);
        appendStages(md, context);
        appendNotRun(md, context);
        md.append("## Config\n\n```json\n").append(json(config)).append("\n```\n\n");
        md.append("## Versions\n\n");
        versions().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        Path reportFile = config.out().resolve(REPORT_MD);
        try {
            Files.createDirectories(config.out());
            Files.writeString(reportFile, md.toString(), StandardCharsets.UTF_8);
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("totalSeconds", totalSeconds);
            machine.put("config", config);
            machine.put("stages", context.stages());
            machine.put("versions", versions());
            Files.writeString(config.out().resolve(REPORT_JSON), json(machine), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + config.out(), e);
        }
        return reportFile;
    }

    private static void appendData(StringBuilder md, DemoContext context) {
        if (!context.hasCatalog() || !context.hasManifests()) {
            return;
        }
        var catalog = context.catalog();
        var report = catalog.report();
        var manifests = context.manifests();
        md.append("## Data\n\n");
        md.append(String.format(Locale.ROOT,
                "%d emoji concepts drawn in all four styles (of %d in emoji-datasource 16.0.0); pre-training on %s, "
                        + "held-out evaluation on %s. %d training pairs (%d captions per concept and style), "
                        + "%d emojilib keywords dropped as style tags (e.g. `blue-square`).%n%n",
                catalog.size(), report.read(), EmojiManifests.TRAIN_STYLES.stream().map(EmojiStyle::vendor).toList(),
                EmojiManifests.EVAL_STYLE.vendor(), manifests.trainRows(), context.config().captionsPerConcept(),
                report.styleKeywordsDropped()));
        md.append("| category | concepts | subcategories |\n|---|---:|---:|\n");
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<String>> subs = new TreeMap<>();
        for (EmojiConcept c : catalog.concepts()) {
            counts.merge(c.category(), 1, Integer::sum);
            subs.computeIfAbsent(c.category(), k -> new LinkedHashSet<>()).add(c.subcategory());
        }
        counts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" | ").append(subs.get(k).size()).append(" |\n"));
        Path figure = context.config().plotsDir().resolve(STYLES_PNG);
        ImageGrid.write("the same concepts in the four styles (twitter is held out)", styleRows(context), figure);
        md.append("\n![styles](plots/").append(STYLES_PNG).append(")\n\n");
    }

    /** One concept per category, drawn in every style. */
    private static List<ImageGrid.Row> styleRows(DemoContext context) {
        Map<String, EmojiConcept> firstPerCategory = new TreeMap<>();
        context.catalog().concepts().forEach(c -> firstPerCategory.putIfAbsent(c.category(), c));
        List<EmojiConcept> shown = List.copyOf(firstPerCategory.values()).subList(0, Math.min(8, firstPerCategory.size()));
        List<ImageGrid.Row> rows = new ArrayList<>();
        for (EmojiStyle style : EmojiStyle.values()) {
            List<ImageGrid.Cell> cells = shown.stream()
                    .map(c -> new ImageGrid.Cell(context.layout().styleImage(style, c.imageFile()), c.name(), false)).toList();
            rows.add(new ImageGrid.Row(style.vendor(), cells));
        }
        return rows;
    }

    private static void appendStages(StringBuilder md, DemoContext context) {
        md.append("## Stages\n\n| stage | ran | seconds | result |\n|---|---|---:|---|\n");
        for (StageRecord s : context.stages()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", s.name(), s.ran() ? "yes" : "no", s.seconds(),
                    s.summary().replace("|", "\\|")));
        }
        md.append('\n');
    }

    private static void appendNotRun(StringBuilder md, DemoContext context) {
        List<StageRecord> notRun = context.stages().stream().filter(s -> !s.ran()).toList();
        if (notRun.isEmpty()) {
            return;
        }
        md.append("## Not run in this build\n\nThese stages need module APIs that this build does not have yet, so their "
                + "tables are absent rather than estimated:\n\n");
        notRun.forEach(s -> md.append("- ").append(s.summary()).append('\n'));
        md.append('\n');
    }

    static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("dihit", String.valueOf(ReportWriter.class.getPackage().getImplementationVersion() == null
                ? "0.1.0-SNAPSHOT (classes)" : ReportWriter.class.getPackage().getImplementationVersion()));
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("djl", Engine.getDjlVersion());
        try {
            Engine engine = Engine.getInstance();
            v.put("engine", engine.getEngineName() + " " + engine.getVersion());
        } catch (RuntimeException e) {
            v.put("engine", "unavailable: " + e.getMessage());
        }
        v.put("data", "emoji-datasource 16.0.0 (+ apple, google, facebook, twitter), emojilib 4.0.3, Debian dataset-fashion-mnist");
        return v;
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
