package io.dihit.examples.demo;

import io.dihit.core.plot.LineChart;
import io.dihit.examples.data.NoiseKind;
import io.dihit.examples.data.StyleFold;
import io.dihit.eval.probe.FewShotBenchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's evidence sections: the protocol, each ladder step's mean paired difference with its
 * 95 % interval over folds x seeds and whether it reproduces, CAT's precision and recall on the injected
 * noise, how close the runs get to a plateau, and the paired few-shot comparison; and the same numbers
 * for report.json.
 */
final class EvidenceReport {

    static final String FEWSHOT_PNG = "fewshot-%d.png";

    private EvidenceReport() {
    }

    static void appendProtocol(StringBuilder md, DemoContext context) {
        DemoConfig config = context.config();
        int replicates = config.replicates().size();
        md.append("## Protocol\n\n");
        md.append(String.format(Locale.ROOT, "`%s` preset on %s. Leave-one-style-out: %d fold(s), held out %s; each fold trains on "
                        + "the other three styles and is evaluated on its held-out style. %d paired seed(s) per fold: a seed alone sets "
                        + "the initialisation and the batch order of every variant, so each ladder step is judged on **%d paired "
                        + "replicate(s)** (fold x seed) by its mean paired difference and a Student-t 95 %% interval. A gain "
                        + "**reproduces** only when its interval lies above 0 and rests on at least %d replicates. The variants on the CAT-filtered set start from the same "
                        + "weights but necessarily see other batches (fewer pairs).%n%n",
                config.preset(), context.device(), config.folds(), config.styleFolds().stream().map(f -> f.heldOut().vendor()).toList(),
                config.seeds(), replicates, PairedComparison.MIN_REPLICATES));
        md.append(String.format(Locale.ROOT, "Injected noise on top of the clean pairs (rates per clean pair): text in the image %.0f %%, "
                        + "uninformative alt text %.0f %%, mismatched captions %.0f %%; the kinds go to a side file the filter never "
                        + "reads.%n%n", 100 * config.noise().textInImage(), 100 * config.noise().uninformative(),
                100 * config.noise().mismatched()));
    }

    /** The paired comparisons table and, per comparison, a plain verdict. */
    static void appendComparisons(StringBuilder md, DemoContext context) {
        PairedResults paired = context.paired();
        if (paired.metrics().isEmpty()) {
            return;
        }
        md.append("### Paired differences (after - before, points of %, 95 % interval over replicates)\n\n");
        md.append("| comparison | n |");
        paired.metrics().forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---|---:|");
        paired.metrics().forEach(m -> md.append("---:|"));
        md.append('\n');
        List<String> verdicts = new ArrayList<>();
        for (Variant.Comparison c : comparable(context)) {
            Map<PairedComparison.Verdict, List<String>> byVerdict = new LinkedHashMap<>();
            int n = 0;
            StringBuilder row = new StringBuilder();
            for (String metric : paired.metrics()) {
                PairedComparison p = paired.compare(metric, c.before().label(), c.after().label());
                n = p.n();
                row.append(' ').append(p.percentPoints()).append(p.reproduces() ? " ✔" : "").append(" |");
                byVerdict.computeIfAbsent(p.verdict(), k -> new ArrayList<>()).add(metric);
            }
            md.append("| ").append(c.label()).append(" | ").append(n).append(" |").append(row).append('\n');
            verdicts.add(verdict(c, byVerdict));
        }
        md.append("\n✔ = the interval excludes 0 on the side of a gain (with at least ").append(PairedComparison.MIN_REPLICATES)
                .append(" replicates): the step reproduces on that metric.\n\n");
        verdicts.forEach(v -> md.append("- ").append(v).append('\n'));
        md.append('\n');
    }

    private static List<Variant.Comparison> comparable(DemoContext context) {
        PairedResults paired = context.paired();
        String metric = paired.metrics().get(0);
        return Variant.COMPARISONS.stream()
                .filter(c -> paired.has(metric, c.before().label()) && paired.has(metric, c.after().label())).toList();
    }

    static String verdict(Variant.Comparison c, Map<PairedComparison.Verdict, List<String>> byVerdict) {
        if (byVerdict.containsKey(PairedComparison.Verdict.TOO_FEW)) {
            return "**" + c.label() + "**: fewer than " + PairedComparison.MIN_REPLICATES + " paired replicates: no claim either way "
                    + "(run more folds or seeds).";
        }
        List<String> parts = new ArrayList<>();
        List<String> gains = byVerdict.getOrDefault(PairedComparison.Verdict.GAIN, List.of());
        parts.add(gains.isEmpty() ? "reproduces on no metric" : "reproduces on " + String.join(", ", gains));
        if (byVerdict.containsKey(PairedComparison.Verdict.UNRESOLVED)) {
            parts.add("not shown on " + String.join(", ", byVerdict.get(PairedComparison.Verdict.UNRESOLVED)) + " (interval contains 0)");
        }
        if (byVerdict.containsKey(PairedComparison.Verdict.LOSS)) {
            parts.add("opposite on " + String.join(", ", byVerdict.get(PairedComparison.Verdict.LOSS)));
        }
        return "**" + c.label() + "**: " + String.join("; ", parts) + ".";
    }

    /** CAT's recall and precision per injected kind, per fold. */
    static void appendCatNoise(StringBuilder md, DemoContext context) {
        Map<StyleFold, CatNoiseScore> scores = context.catNoise();
        if (scores.isEmpty()) {
            return;
        }
        md.append("### CAT on the injected noise\n\nRecall: share of a kind's pairs the filter rejected. Precision: share of all "
                + "rejections that hit the kind (the clean row is the filter's false positives).\n\n");
        md.append("| held out | kind | pairs | rejected | recall | precision |\n|---|---|---:|---:|---:|---:|\n");
        scores.forEach((fold, score) -> {
            for (NoiseKind kind : NoiseKind.values()) {
                CatNoiseScore.KindScore k = score.kind(kind);
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s |%n", fold.heldOut().vendor(), kind.label(), k.rows(),
                        k.rejected(), percent(k.recall()), percent(score.precision(kind))));
            }
            md.append(String.format(Locale.ROOT, "| %s | all injected noise | | | | %s |%n", fold.heldOut().vendor(),
                    percent(score.noisePrecision())));
        });
        if (context.catSummary().spotter().equals("none")) {
            md.append("\nText spotting was off in this preset, so the text-in-image pairs could only be caught by the caption rule "
                    + "(their captions have a verb and usually pass).\n");
        }
        md.append("\nThe downstream effect is the row *CAT on InfoNCE (noisy vs filtered)* of the paired differences: the "
                + "same loss, initialisation and steps, trained on the noisy set and on its CAT-filtered version.\n\n");
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    /**
     * Share of each run's total loss decrease that came in its last quarter (window means over a tenth of
     * the steps): near 0 the run has flattened out, a large share means it was still learning.
     */
    static double lastQuarterShare(List<double[]> curve) {
        int n = curve.size();
        if (n < 8) {
            return Double.NaN;
        }
        int w = Math.max(1, n / 10);
        double start = mean(curve, 0, w);
        double threeQuarters = mean(curve, 3 * n / 4 - w / 2, 3 * n / 4 - w / 2 + w);
        double end = mean(curve, n - w, n);
        return start - end <= 0 ? Double.NaN : (threeQuarters - end) / (start - end);
    }

    private static double mean(List<double[]> curve, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += curve.get(i)[1];
        }
        return s / (to - from);
    }

    static void appendPlateau(StringBuilder md, DemoContext context) {
        if (context.runs().isEmpty()) {
            return;
        }
        md.append("### How close to a plateau\n\nPer variant, the mean over replicates of the share of the run's loss decrease "
                + "that came in its last quarter (0 = flat at the end; 0.25 = still falling as fast as on average), and the "
                + "mean final loss (window mean over the last tenth). A contrastive loss at ln(batch) is a model that ranks at "
                + "chance: flat there means stuck, not converged.\n\n"
                + "| variant | steps | last-quarter share | final loss |\n|---|---:|---:|---:|\n");
        for (Variant v : Variant.ALL) {
            List<Double> shares = new ArrayList<>();
            List<Double> finals = new ArrayList<>();
            int steps = 0;
            for (StudentTraining.Run run : context.runs()) {
                if (run.variant().equals(v) && !run.curve().isEmpty()) {
                    double s = lastQuarterShare(run.curve());
                    steps = (int) run.curve().get(run.curve().size() - 1)[0];
                    int n = run.curve().size();
                    finals.add(mean(run.curve(), n - Math.max(1, n / 10), n));
                    if (!Double.isNaN(s)) {
                        shares.add(s);
                    }
                }
            }
            if (steps > 0) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f |%n", v.label(), steps,
                        shares.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", Stats.of(shares).mean()), Stats.of(finals).mean()));
            }
        }
        md.append(String.format(Locale.ROOT, "%nln(%d) = %.3f.%n%n", context.config().student().batchSize(),
                Math.log(context.config().student().batchSize())));
    }

    /** Per task and shot count: plain and DiHT probe means, and DiHT - plain paired over replicates. */
    static void appendFewShot(StringBuilder md, DemoContext context) {
        Map<String, List<FewShotStage.Curve>> byTask = fewShotByTask(context);
        if (byTask.isEmpty()) {
            return;
        }
        md.append("## Few-shot probes\n\nTop-1 in %, mean over replicates (each the mean of its k-shot samplings); *plain*: "
                + "logistic regression (weight decay by cross-validation); *DiHT*: the residual probe from the zero-shot weights "
                + "(radius by cross-validation). Both probes read the same features of the same model, the most complete "
                + "DiHT variant of each replicate, so the difference is paired.\n\n");
        int chartIndex = 0;
        for (var entry : byTask.entrySet()) {
            List<FewShotStage.Curve> curves = entry.getValue();
            double zeroShot = curves.stream().mapToDouble(c -> c.result().zeroShotTop1()).average().orElseThrow();
            md.append(String.format(Locale.ROOT, "**%s** (%d replicates; zero-shot %.1f %%)%n%n", entry.getKey(), curves.size(), 100 * zeroShot));
            md.append("| shots | plain probe | DiHT probe | DiHT - plain | verdict |\n|---:|---:|---:|---:|---|\n");
            List<FewShotBenchmark.ShotResult> first = curves.get(0).result().shots();
            double[] x = new double[first.size()];
            double[] plain = new double[x.length];
            double[] diht = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                final int at = i;
                List<Double> p = curves.stream().map(c -> c.result().shots().get(at).linear().mean()).toList();
                List<Double> d = curves.stream().map(c -> c.result().shots().get(at).diht().mean()).toList();
                PairedComparison cmp = PairedComparison.of(p, d);
                x[i] = first.get(i).shots();
                plain[i] = 100 * Stats.of(p).mean();
                diht[i] = 100 * Stats.of(d).mean();
                md.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %s | %s |%n", first.get(i).shots(), plain[i], diht[i],
                        cmp.percentPoints(), cmp.verdict().text()));
            }
            String file = String.format(Locale.ROOT, FEWSHOT_PNG, chartIndex++);
            new LineChart("few-shot: " + entry.getKey(), "shots per class", "top-1 %", true)
                    .add(LineChart.Series.of("plain probe", x, plain)).add(LineChart.Series.of("DiHT probe", x, diht))
                    .write(context.config().plotsDir().resolve(file));
            md.append("\n![").append(entry.getKey()).append("](plots/").append(file).append(")\n\n");
        }
    }

    private static Map<String, List<FewShotStage.Curve>> fewShotByTask(DemoContext context) {
        Map<String, List<FewShotStage.Curve>> byTask = new LinkedHashMap<>();
        context.fewShot().forEach(c -> byTask.computeIfAbsent(c.task(), t -> new ArrayList<>()).add(c));
        return byTask;
    }

    /** The same numbers for report.json. */
    static Map<String, Object> json(DemoContext context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replicates", context.config().replicates().stream().map(Replicate::label).toList());
        List<Map<String, Object>> comparisons = new ArrayList<>();
        PairedResults paired = context.paired();
        if (!paired.metrics().isEmpty()) {
            for (Variant.Comparison c : comparable(context)) {
                for (String metric : paired.metrics()) {
                    PairedComparison p = paired.compare(metric, c.before().label(), c.after().label());
                    comparisons.add(comparisonJson(p, Map.of("comparison", c.label(), "before", c.before().label(),
                            "after", c.after().label(), "metric", metric)));
                }
            }
        }
        out.put("comparisons", comparisons);
        Map<String, Object> cat = new LinkedHashMap<>();
        context.catNoise().forEach((fold, score) -> {
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (NoiseKind kind : NoiseKind.values()) {
                CatNoiseScore.KindScore k = score.kind(kind);
                kinds.put(kind.label(), Map.of("rows", k.rows(), "kept", k.kept(), "rejected", k.rejected(), "failed", k.failed(),
                        "recall", nullIfNaN(k.recall()), "precision", nullIfNaN(score.precision(kind))));
            }
            kinds.put("noisePrecision", nullIfNaN(score.noisePrecision()));
            cat.put(fold.heldOut().vendor(), kinds);
        });
        out.put("catNoise", cat);
        List<Map<String, Object>> fewShot = new ArrayList<>();
        fewShotByTask(context).forEach((task, curves) -> {
            for (int i = 0; i < curves.get(0).result().shots().size(); i++) {
                final int at = i;
                PairedComparison p = PairedComparison.of(curves.stream().map(c -> c.result().shots().get(at).linear().mean()).toList(),
                        curves.stream().map(c -> c.result().shots().get(at).diht().mean()).toList());
                fewShot.add(comparisonJson(p, Map.of("task", task, "shots", curves.get(0).result().shots().get(i).shots())));
            }
        });
        out.put("fewShotDihtMinusPlain", fewShot);
        return out;
    }

    private static Map<String, Object> comparisonJson(PairedComparison p, Map<String, Object> what) {
        Map<String, Object> m = new LinkedHashMap<>(what);
        m.put("n", p.n());
        m.put("meanDifference", p.meanDifference());
        m.put("low", nullIfNaN(p.low()));
        m.put("high", nullIfNaN(p.high()));
        m.put("verdict", p.verdict().name().toLowerCase(Locale.ROOT));
        m.put("reproduces", p.reproduces());
        return m;
    }

    private static Object nullIfNaN(double v) {
        return Double.isNaN(v) ? "NaN" : v;
    }
}
