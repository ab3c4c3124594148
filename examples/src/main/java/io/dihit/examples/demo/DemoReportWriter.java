package io.dihit.examples.demo;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dihit.core.plot.LineChart;
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
public final class DemoReportWriter {

    public static final String REPORT_MD = "report.md";
    public static final String REPORT_JSON = "report.json";
    static final String STYLES_PNG = "styles.png";
    static final String TEACHER_PNG = "teacher-loss.png";
    static final String TRAINING_PNG = "training-curves.png";
    static final String RETRIEVAL_PNG = "retrievals.png";

    private DemoReportWriter() {
    }

    public static Path write(DemoContext context, double totalSeconds) {
        DemoConfig config = context.config();
        StringBuilder md = new StringBuilder();
        md.append("# DiHT demo report\n\n");
        md.append(String.format(Locale.ROOT, "Run finished %s, %s preset, total %.1f s (%.1f min) on %d cores.%n%n",
                Instant.now(), config.preset(), totalSeconds, totalSeconds / 60,
                Runtime.getRuntime().availableProcessors()));
        appendData(md, context);
        EvidenceReport.appendProtocol(md, context);
        appendCat(md, context);
        EvidenceReport.appendCatNoise(md, context);
        appendTeacher(md, context);
        appendAblation(md, context);
        EvidenceReport.appendFewShot(md, context);
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
            if (context.hasCatKept()) {
                var c = context.catSummary().counters();
                machine.put("cat", Map.of("read", c.read, "kept", c.kept, "rejected", c.rejected, "failed", c.failed,
                        "rejectedByReason", c.rejectedByReason));
            }
            if (context.hasTeacher()) {
                machine.put("teacherHeldOutTop1", context.teacher().heldOutTop1());
            }
            machine.put("ablation", ablationJson(context.ablation()));
            machine.put("fewShot", context.fewShot().stream().map(c -> Map.of("model", c.model(), "task", c.task(),
                    "zeroShotTop1", c.result().zeroShotTop1(), "shots", c.result().shots())).toList());
            machine.put("evidence", EvidenceReport.json(context));
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
                "%d emoji concepts drawn in all four styles (of %d in emoji-datasource 16.0.0); the first fold pre-trains on %s "
                        + "and holds out %s. %d clean training pairs per fold (%d captions per concept and style), "
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

    private static void appendCat(StringBuilder md, DemoContext context) {
        if (!context.hasCatKept()) {
            return;
        }
        CatStage.Summary cat = context.catSummary();
        var c = cat.counters();
        md.append("## CAT filter\n\n");
        md.append(String.format(Locale.ROOT, "Rule: %s. Text spotting: %s. Of %d training pairs, **%d kept** (%.0f %%), %d rejected, "
                        + "%d failed (kept + rejected + failed = read). Rejections by reason (a pair can fail several): %s.%n%n",
                cat.rule().describe(), cat.spotter(), c.read, c.kept, 100.0 * c.kept / Math.max(1, c.read), c.rejected, c.failed,
                c.rejectedByReason));
        md.append("| reason | id | caption | complexity | actions | OCR text |\n|---|---|---|---:|---:|---|\n");
        cat.examples().forEach((reason, rows) -> rows.forEach(r -> md.append("| ").append(reason).append(" | ")
                .append(String.join(" | ", java.util.Arrays.stream(r).map(v -> v.replace("|", "\\|")).toList())).append(" |\n")));
        md.append('\n');
    }

    private static void appendTeacher(StringBuilder md, DemoContext context) {
        if (!context.hasTeacher()) {
            return;
        }
        ConceptClassifierTraining.Trained teacher = context.teacher();
        List<Double> losses = teacher.losses();
        double[] x = new double[losses.size()];
        double[] y = new double[losses.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = losses.get(i);
        }
        new LineChart("concept teacher: training loss", "step", "cross-entropy", false)
                .add(LineChart.Series.of("train (apple, google, facebook)", x, y))
                .write(context.config().plotsDir().resolve(TEACHER_PNG));
        md.append("## Concept teacher\n\n");
        md.append(String.format(Locale.ROOT, "A ViT with the student's image tower (`%s`) classifies the %d subcategories; "
                        + "trained %d steps on the training styles, then frozen. Held-out %s top-1: **%.1f %%** "
                        + "(chance %.1f %%).%n%n![teacher loss](plots/%s)%n%n",
                context.config().model(), context.catalog().subcategories().size(), losses.size(),
                EmojiManifests.EVAL_STYLE.vendor(), 100 * teacher.heldOutTop1(),
                100.0 / context.catalog().subcategories().size(), TEACHER_PNG));
    }

    private static void appendAblation(StringBuilder md, DemoContext context) {
        if (context.ablation().isEmpty()) {
            return;
        }
        DemoConfig config = context.config();
        md.append("## Ablation (zero-shot on the held-out style)\n\n");
        md.append(String.format(Locale.ROOT, "Mean ± std over %d replicate(s) (fold x seed), in %%. Retrieval: each of the %d held-out images "
                        + "ranks all %d concept names (chance R@1 %.2f %%, R@10 %.2f %%). Classification: prompts from the "
                        + "category / subcategory names with dihit-eval's generic templates (chance %.0f %% / %.1f %%).%n%n",
                config.replicates().size(), context.catalog().size(), context.catalog().size(), 100.0 / context.catalog().size(),
                1000.0 / context.catalog().size(), 100.0 / context.catalog().categories().size(),
                100.0 / context.catalog().subcategories().size()));
        md.append(context.ablation().toMarkdown()).append('\n');
        EvidenceReport.appendComparisons(md, context);
        EvidenceReport.appendPlateau(md, context);
        LineChart curves = new LineChart("pre-training loss (first seed of each variant)", "step", "loss", false);
        java.util.Set<Variant> drawn = new java.util.HashSet<>();
        for (StudentTraining.Run run : context.runs()) {
            if (drawn.add(run.variant()) && !run.curve().isEmpty()) {
                curves.add(LineChart.Series.of(run.variant().label(), run.curve()));
            }
        }
        if (!drawn.isEmpty()) {
            curves.write(config.plotsDir().resolve(TRAINING_PNG));
            md.append("\nTotal loss per step (contrastive + λ·distillation for the distilled variants, so the curves "
                    + "of different variants are not on one scale).\n\n![training curves](plots/").append(TRAINING_PNG).append(")\n\n");
        }
        appendRetrievalExamples(md, context);
    }

    /** Six twitter queries with the last variant's top-5 names; the right name is framed. */
    private static void appendRetrievalExamples(StringBuilder md, DemoContext context) {
        StudentTraining.Run run = context.reportRun();
        HeldOutEvaluation.Result r = context.evaluation(run);
        List<EmojiConcept> concepts = context.catalog().concepts();
        int[] queries = java.util.stream.IntStream.range(0, 6).map(i -> (int) ((long) i * concepts.size() / 6 + 17) % concepts.size()).toArray();
        List<int[]> top = HeldOutEvaluation.topNames(r.imageEmbeddings(), r.nameEmbeddings(), queries, 5);
        List<ImageGrid.Row> rows = new ArrayList<>();
        for (int q = 0; q < queries.length; q++) {
            List<ImageGrid.Cell> cells = new ArrayList<>();
            EmojiConcept query = concepts.get(queries[q]);
            cells.add(new ImageGrid.Cell(context.layout().styleImage(EmojiManifests.EVAL_STYLE, query.imageFile()), "query", false));
            for (int k : top.get(q)) {
                cells.add(new ImageGrid.Cell(context.layout().styleImage(EmojiStyle.GOOGLE, concepts.get(k).imageFile()),
                        concepts.get(k).name(), k == queries[q]));
            }
            rows.add(new ImageGrid.Row(query.name(), cells));
        }
        ImageGrid.write("twitter image -> top-5 names (" + run.variant().label() + ", seed " + run.seed()
                + "; names drawn with their google emoji, the right one framed)", rows, context.config().plotsDir().resolve(RETRIEVAL_PNG));
        md.append("![example retrievals](plots/").append(RETRIEVAL_PNG).append(")\n\n");
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

    /** Per variant: each metric's mean, std and per-seed values. */
    static List<Map<String, Object>> ablationJson(MetricTable table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String row : table.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("variant", row);
            for (String column : table.columns()) {
                Stats stats = table.stats(row, column);
                r.put(column, Map.of("mean", stats.mean(), "std", stats.std(), "n", stats.n()));
            }
            rows.add(r);
        }
        return rows;
    }

    static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("dihit", String.valueOf(DemoReportWriter.class.getPackage().getImplementationVersion() == null
                ? "0.1.0-SNAPSHOT (classes)" : DemoReportWriter.class.getPackage().getImplementationVersion()));
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
