package io.dihit.eval.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dihit.eval.probe.FewShotBenchmark;
import io.dihit.eval.retrieval.RetrievalMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes an {@link EvalReport} as JSON (for machines) and as Markdown tables (for people). */
public final class ReportWriter {
    /** NaN (a class without test samples) is written as the string "NaN" so the file stays valid JSON. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private ReportWriter() {}

    public static String json(EvalReport report) throws IOException {
        return JSON.writeValueAsString(report);
    }

    /** Writes {@code report.json} and {@code report.md} into {@code dir}. */
    public static void write(EvalReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json(report) + System.lineSeparator());
        Files.writeString(dir.resolve("report.md"), markdown(report));
    }

    public static String markdown(EvalReport r) {
        StringBuilder md = new StringBuilder();
        EvalReport.Run run = r.run();
        md.append("# dihit eval: ").append(run.task()).append(" on ").append(run.dataset()).append("\n\n");
        EvalReport.Model m = run.model();
        md.append("| model | value |\n| --- | --- |\n");
        row(md, "features", m.features());
        row(md, "config", m.config());
        row(md, "checkpoint", m.checkpoint() == null ? (m.config() == null ? null : "none (random initialisation)") : m.checkpoint());
        row(md, "checkpoint key", m.checkpointKey());
        row(md, "logit multiplier", m.logitMultiplier() == null ? null : fmt(m.logitMultiplier(), 2));
        row(md, "dataset fingerprint", run.datasetFingerprint());
        row(md, "started", run.startedAt());
        row(md, "finished", run.finishedAt());
        run.settings().forEach((k, v) -> row(md, k, v));
        EvalReport.Skipped skipped = r.skipped();
        if (skipped != null) {
            row(md, "images skipped (unreadable)", skipped.images() + (skipped.byReason().isEmpty() ? ""
                    : " " + skipped.byReason()) + (skipped.file() == null ? "" : ", listed in " + skipped.file()));
            if (skipped.captionsDropped() > 0) {
                row(md, "captions dropped with their image", String.valueOf(skipped.captionsDropped()));
            }
            if (skipped.sourceRowsSkipped() > 0) {
                row(md, "dataset rows skipped while reading", skipped.sourceRowsSkipped() + " "
                        + skipped.sourceRowsByReason() + (skipped.file() == null ? "" : ", listed in " + skipped.file()));
            }
        }
        md.append('\n');
        if (r.zeroShot() != null) {
            EvalReport.ZeroShot z = r.zeroShot();
            md.append("## Zero-shot classification\n\n")
                    .append(z.classes().size()).append(" classes x ").append(z.templateCount()).append(" templates (")
                    .append(z.templates()).append("), ").append(z.samples()).append(" images.\n\n")
                    .append("| top-1 | top-5 | mean per-class recall |\n| ---: | ---: | ---: |\n")
                    .append("| ").append(pct(z.top1())).append(" | ").append(pct(z.top5())).append(" | ")
                    .append(pct(z.meanPerClassRecall())).append(" |\n\n")
                    .append("| class | accuracy |\n| --- | ---: |\n");
            z.perClass().forEach(c -> md.append("| ").append(escape(c.className())).append(" | ").append(pct(c.accuracy())).append(" |\n"));
            md.append('\n');
        }
        if (r.retrieval() != null) {
            EvalReport.Retrieval t = r.retrieval();
            md.append("## Zero-shot retrieval\n\n").append(t.images()).append(" images, ").append(t.texts())
                    .append(" captions.\n\n| K | image->text R@K | text->image R@K |\n| ---: | ---: | ---: |\n");
            for (RetrievalMetrics.RecallAtK k : t.recalls()) {
                md.append("| ").append(k.k()).append(" | ").append(pct(k.imageToText())).append(" | ")
                        .append(pct(k.textToImage())).append(" |\n");
            }
            md.append('\n');
        }
        if (r.linearProbe() != null) {
            EvalReport.Linear l = r.linearProbe();
            md.append("## Linear probe\n\nLogistic regression on ").append(l.trainSize()).append(" training samples, L2 = ")
                    .append(String.format(Locale.ROOT, "%.0e", l.lambda())).append(" (cross-validated), ")
                    .append(l.testSize()).append(" test samples.\n\n")
                    .append("| top-1 | top-5 | mean per-class recall |\n| ---: | ---: | ---: |\n")
                    .append("| ").append(pct(l.top1())).append(" | ").append(pct(l.top5())).append(" | ")
                    .append(pct(l.meanPerClassRecall())).append(" |\n\n");
        }
        if (r.fewShot() != null) {
            FewShotBenchmark.Result f = r.fewShot();
            md.append("## Few-shot probes\n\nTop-1 on ").append(f.testSize()).append(" test samples, mean +- sd over ")
                    .append(f.samplings()).append(" samplings of the shots. Zero-shot (0 shots): ")
                    .append(pct(f.zeroShotTop1())).append(".\n\n")
                    .append("| shots / class | DiHT probe | plain probe |\n| ---: | ---: | ---: |\n");
            for (FewShotBenchmark.ShotResult s : f.shots()) {
                md.append("| ").append(s.shots()).append(" | ").append(pct(s.diht().mean())).append(" +- ")
                        .append(pct(s.diht().std())).append(" | ").append(pct(s.linear().mean())).append(" +- ")
                        .append(pct(s.linear().std())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String key, String value) {
        if (value != null) {
            md.append("| ").append(escape(key)).append(" | ").append(escape(value)).append(" |\n");
        }
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
