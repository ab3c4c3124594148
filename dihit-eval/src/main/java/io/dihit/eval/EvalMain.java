package io.dihit.eval;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dihit.core.clip.Clip;
import io.dihit.core.clip.ClipOptions;
import io.dihit.core.data.Skip;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.io.Provenance;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.core.util.UserError;
import io.dihit.eval.data.CaptionedImages;
import io.dihit.eval.data.FashionMnist;
import io.dihit.eval.data.FirstN;
import io.dihit.eval.data.Fingerprints;
import io.dihit.eval.data.LabeledDataset;
import io.dihit.eval.data.LabeledImages;
import io.dihit.eval.embed.ImageEmbeddings;
import io.dihit.eval.metrics.ClassificationMetrics;
import io.dihit.eval.probe.FewShotBenchmark;
import io.dihit.eval.probe.LinearProbe;
import io.dihit.eval.report.EvalReport;
import io.dihit.eval.report.ReportWriter;
import io.dihit.eval.report.SkipLog;
import io.dihit.eval.zeroshot.PromptTemplates;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dihit eval <task> [options]}: zero-shot classification, zero-shot retrieval, linear probe or the
 * few-shot probes over {@link Evaluation}, written as report.json, report.md and skipped.jsonl. Options, input
 * files, the data's classes and the output folder are checked before the model loads. Run with --help for
 * the options.
 */
public final class EvalMain {
    private static final Logger LOG = LoggerFactory.getLogger(EvalMain.class);

    static final String HELP = """
            usage: dihit eval <task> [options]

            tasks
              zeroshot    zero-shot classification (class names x prompt templates): top-1/top-5, per-class accuracy
              retrieval   zero-shot image<->text retrieval R@1/5/10 on a manifest (rows sharing an image = its captions)
              linear      plain linear probe (logistic regression, L2 by cross-validation) on frozen features
              fewshot     DiHT few-shot probe vs plain probe at several shot counts, vs zero-shot

            data
              --dataset X          zeroshot/linear/fewshot: fashion-mnist | an image folder (X/<class>/<image>) | a
                                   manifest (.csv/.jsonl), tar shard or folder of shards whose captions are class
                                   names; at least 2 classes. linear/fewshot read X/train and X/test (folders),
                                   zeroshot X/test when it exists, else X.
                                   retrieval: a manifest (.csv/.jsonl), a tar shard (.tar) or a folder of shards.
              --max-train N        use only the first N training samples (quick runs)
              --max-test N         use only the first N test samples

            model
              --checkpoint PATH    weights: .safetensors (dihit's carry their config), a torch.save
                                   .pt/.bin, a training checkpoint dir or a run dir
              --config NAME|FILE   model config (a built-in name such as diht_vitb16_224px, or a JSON file)
              --random-init        no checkpoint: random weights (speed checks only)
              --merges FILE        BPE merges file of the text tower (zeroshot, retrieval, fewshot)
              --features pixels    linear probe on grey pixel values instead of a model (baseline)
              --device D           cpu | gpu | gpu:N (default: cpu)
              --batch N            images/texts per forward pass (default 64)
              --cache DIR          embedding cache (default: ~/.cache/dihit/embeddings); --no-cache disables it

            task options
              --templates T        imagenet | generic | FILE (one template per line with {}; default generic)
              --shots LIST         few-shot shot counts (default 1,2,4,8,16)
              --samplings N        random draws of the shots per count (default 3)
              --seed N             seed of the shot draws and cross-validation folds (default 0)
              --threads N          threads for the probes (default: available processors)
              --lambdas LIST       L2 strengths the plain probe cross-validates (default 1e-6,1e-5,...,1e-1)

            output
              --out DIR            write report.json, report.md and skipped.jsonl (unreadable images, dataset rows
                                   the reader skipped) there
                                   (default: print Markdown only)
              -h, --help           this text
            """;

    private EvalMain() {}

    /** Runs {@link #run}; a user error is one line on stderr and exit code 2. */
    public static void main(String[] args) throws Exception {
        CommandLineArgs.main("eval", args, EvalMain::run);
    }

    /**
     * Runs one evaluation and returns the exit code. Mistakes the user can fix are thrown as
     * {@link IllegalArgumentException} (options) or {@link UserError} (files, folders, data).
     */
    public static int run(String[] args, PrintStream out) throws IOException {
        EvalOptions o = EvalOptions.parse(args);
        if (o.help) {
            out.print(HELP);
            return 0;
        }
        String started = Instant.now().toString();
        PromptTemplates templates = o.needsText() ? templates(o) : null;
        Path dir = o.outputFolder(); // checked first: the dataset's bad rows are listed there while it is read
        SkipTally images = new SkipTally("image");
        SkipTally rows = new SkipTally("dataset row");
        try (SkipLog log = dir == null ? null : SkipLog.open(dir.resolve(SkipLog.FILE_NAME))) {
            Data data = Data.open(o, log == null ? rows : rows.andThen(log));
            Consumer<Skip> sink = log == null ? images : images.andThen(log);
            EvalReport report = new Task(o, data, templates, sink, images, rows, started).run();
            if (dir != null) {
                ReportWriter.write(report, dir);
                out.println("wrote " + dir.resolve("report.json") + ", report.md and " + SkipLog.FILE_NAME);
            }
            out.print(ReportWriter.markdown(report));
            return 0;
        }
    }

    private static PromptTemplates templates(EvalOptions o) throws IOException {
        return PromptTemplates.resolve(o.get("templates") == null ? "generic" : o.get("templates"));
    }

    /** Counts skips by reason and logs the first ones (the full list streams to skipped.jsonl). */
    private static final class SkipTally implements Consumer<Skip> {
        private final String what;
        private final Map<String, Long> byReason = new TreeMap<>();
        private long total;

        SkipTally(String what) {
            this.what = what;
        }

        @Override
        public synchronized void accept(Skip s) {
            byReason.merge(SkipLog.reasonName(s.reason()), 1L, Long::sum);
            total++;
            if (total <= 20 || total % 1000 == 0) { // a bad dataset must not flood the log
                LOG.warn("skipped {} {}{} ({} so far)", what, s.source().isEmpty() ? "" : s.source() + " ", s, total);
            }
        }

        synchronized long total() {
            return total;
        }

        synchronized Map<String, Long> byReason() {
            return new TreeMap<>(byReason);
        }
    }

    /**
     * The task's datasets, opened (and their classes checked) before any model loads; every manifest row or shard
     * sample their readers skip goes to {@code onSkip}.
     */
    private record Data(LabeledImages train, LabeledImages test, CaptionedImages captioned, String fingerprint) {
        static Data open(EvalOptions o, Consumer<Skip> onSkip) throws IOException {
            String dataset = o.get("dataset");
            if (o.task.equals("retrieval")) {
                CaptionedImages c = CaptionedImages.open(Path.of(dataset), onSkip);
                return new Data(null, null, c, c.fingerprint());
            }
            LabeledImages test = limit(o, split(dataset, false, onSkip), "max-test");
            if (o.task.equals("zeroshot")) {
                return new Data(null, LabeledImages.requireTwoClasses(test, dataset), null, test.fingerprint());
            }
            LabeledImages train = LabeledImages.requireTwoClasses(limit(o, split(dataset, true, onSkip), "max-train"),
                    dataset);
            if (!train.classNames().equals(test.classNames())) {
                throw new UserError("train and test classes differ: " + train.classNames() + " vs " + test.classNames());
            }
            return new Data(train, test, null, new Fingerprints().add(train.fingerprint()).add(test.fingerprint()).hex());
        }

        private static LabeledImages limit(EvalOptions o, LabeledImages data, String key) {
            int n = o.integer(key, 0);
            return n > 0 ? FirstN.of(data, n) : data;
        }

        /**
         * fashion-mnist, or X/train and X/test (folders: class sub-folders or tar shards); zero-shot reads X/test
         * when present, else X itself (also a manifest or a tar shard, captions = class names).
         */
        private static LabeledImages split(String dataset, boolean train, Consumer<Skip> onSkip) throws IOException {
            if (dataset.equals("fashion-mnist")) {
                try {
                    return FashionMnist.load(train ? FashionMnist.Split.TRAIN : FashionMnist.Split.TEST);
                } catch (NoSuchFileException e) {
                    throw new UserError(e.getFile() + ": " + e.getReason(), e);
                }
            }
            Path root = Path.of(dataset);
            Path sub = root.resolve(train ? "train" : "test");
            if (Files.isDirectory(sub)) {
                return LabeledDataset.open(sub, onSkip);
            }
            if (train) {
                throw new UserError(Files.exists(root) ? root + " has no train/ sub-folder (the probes read " + root
                        + "/train and " + root + "/test)" : "dataset " + root + ": not found");
            }
            return LabeledDataset.open(root, onSkip);
        }
    }

    /** One run: loads the model, evaluates, and assembles the report. */
    private static final class Task {
        private final EvalOptions o;
        private final Data data;
        private final PromptTemplates templates;
        private final Consumer<Skip> sink;
        private final SkipTally skips;
        private final SkipTally sourceRows;
        private final String started;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String configName;
        private String checkpointKey;
        private String checkpointFile;

        Task(EvalOptions o, Data data, PromptTemplates templates, Consumer<Skip> sink, SkipTally skips,
             SkipTally sourceRows, String started) {
            this.o = o;
            this.data = data;
            this.templates = templates;
            this.sink = sink;
            this.skips = skips;
            this.sourceRows = sourceRows;
            this.started = started;
            o.values.forEach((k, v) -> {
                if (!List.of("dataset", "checkpoint", "config", "out").contains(k)) {
                    settings.put(k, v);
                }
            });
        }

        EvalReport run() throws IOException {
            if (o.pixels()) {
                return pixelLinear();
            }
            try (Evaluation eval = open()) {
                return switch (o.task) {
                    case "zeroshot" -> zeroShot(eval);
                    case "retrieval" -> retrieval(eval);
                    case "linear" -> linear(eval);
                    case "fewshot" -> fewShot(eval);
                    default -> throw new IllegalArgumentException("unknown task " + o.task);
                };
            }
        }

        private Evaluation open() throws IOException {
            // a run directory or training checkpoint stands for its model file; the report names that file
            Path checkpoint = o.get("checkpoint") == null ? null : Checkpoints.resolveModelFile(Path.of(o.get("checkpoint")));
            checkpointFile = checkpoint == null ? null : checkpoint.toString();
            ClipConfig config;
            if (o.get("config") != null) {
                String c = o.get("config");
                config = Files.isRegularFile(Path.of(c)) ? ClipConfig.fromJson(Path.of(c)) : ClipConfig.named(c);
                configName = c;
            } else {
                config = Checkpoints.readConfig(checkpoint).orElseThrow(() -> new UserError("--config is required: "
                        + checkpoint + " does not carry a model config"));
                configName = "from checkpoint metadata";
            }
            Device device = o.get("device") == null ? Device.cpu() : Device.fromName(o.get("device"));
            ClipOptions options = ClipOptions.defaults().withDevice(device).withBatchSize(o.integer("batch", 64));
            if (o.needsText()) {
                options = options.withTokenizer(Path.of(o.get("merges")));
            }
            Clip clip = checkpoint == null ? Clip.randomlyInitialised(config, options) : Clip.load(config, checkpoint, options);
            checkpointKey = ImageEmbeddings.checkpointKey(checkpoint, config.toJson());
            return new Evaluation(clip, checkpointKey, cacheDir(), sink);
        }

        /** --cache DIR, else ~/.cache/dihit/embeddings; null with --no-cache. */
        private Path cacheDir() {
            if (o.flag("no-cache")) {
                return null;
            }
            return o.get("cache") != null ? Path.of(o.get("cache"))
                    : Path.of(System.getProperty("user.home"), ".cache", "dihit", "embeddings");
        }

        private EvalReport zeroShot(Evaluation eval) throws IOException {
            Evaluation.ZeroShot r = eval.zeroShot(data.test(), templates);
            return report(eval, EvalReport.ZeroShot.of(templates.name(), templates.size(), data.test().classNames(),
                    r.metrics()), null, null, null, 0);
        }

        private EvalReport retrieval(Evaluation eval) throws IOException {
            Evaluation.Retrieval r = eval.retrieval(data.captioned());
            return report(eval, null, EvalReport.Retrieval.of(r.metrics()), null, null, r.captionsDropped());
        }

        private EvalReport linear(Evaluation eval) throws IOException {
            LinearProbe.Config cfg = linearConfig(LinearProbe.Config.defaults().withSeed(o.integer("seed", 0)));
            Evaluation.Linear r = eval.linearProbe(data.train(), data.test(), cfg);
            return report(eval, null, null, linearSection(r.fit(), r.test(), r.train().rows().length,
                    r.testImages().rows().length), null, 0);
        }

        /** The model-free baseline: grey pixel values; unreadable images are counted skips, as with a model. */
        private EvalReport pixelLinear() throws IOException {
            LinearProbe.Config cfg = linearConfig(LinearProbe.Config.defaults().withSeed(o.integer("seed", 0)));
            ImageFeatures train = PixelFeatures.of(data.train(), s -> sink.accept(s.withSource("train")));
            ImageFeatures test = PixelFeatures.of(data.test(), s -> sink.accept(s.withSource("test")));
            LinearProbe.Result fit = LinearProbe.fit(train.rows(), train.labels(data.train()),
                    data.train().classNames().size(), cfg);
            ClassificationMetrics m = ClassificationMetrics.fromScores(fit.model().logits(test.rows()),
                    test.labels(data.test()));
            return report(null, null, null, linearSection(fit, m, train.rows().length, test.rows().length), null, 0);
        }

        private EvalReport fewShot(Evaluation eval) throws IOException {
            FewShotBenchmark.Config d = FewShotBenchmark.Config.defaults();
            FewShotBenchmark.Config cfg = new FewShotBenchmark.Config(o.shots(d.shots()), o.integer("samplings",
                    d.samplings()), o.integer("seed", 0), d.diht(), linearConfig(d.linear()));
            settings.put("effective shots", Arrays.toString(cfg.shots()));
            settings.put("effective samplings", String.valueOf(cfg.samplings()));
            settings.put("effective delta grid (x s*sqrt(classes))", Arrays.toString(cfg.diht().deltaGrid()));
            settings.put("effective delta_b grid (x s)", Arrays.toString(cfg.diht().biasGrid()));
            settings.put("effective DiHT probe folds / max steps", cfg.diht().folds() + " / " + cfg.diht().maxIterations());
            Evaluation.FewShot r = eval.fewShot(data.train(), data.test(), templates, cfg);
            return report(eval, null, null, null, r.result(), 0);
        }

        private EvalReport.Linear linearSection(LinearProbe.Result fit, ClassificationMetrics m, int train, int test) {
            return new EvalReport.Linear(train, test, fit.lambda(), m.top1(), m.top5(), m.meanPerClassRecall(),
                    fit.crossValidation());
        }

        /** Applies --lambdas and --threads, and writes the plain probe's effective settings into the report. */
        private LinearProbe.Config linearConfig(LinearProbe.Config c) {
            LinearProbe.Config cfg = new LinearProbe.Config(o.lambdas(c.lambdas()), c.folds(), c.maxIterations(),
                    c.cvMaxSamples(), c.seed(), o.integer("threads", c.threads()));
            settings.put("effective seed", String.valueOf(o.integer("seed", 0)));
            settings.put("effective lambdas", Arrays.toString(cfg.lambdas()));
            settings.put("effective linear probe folds / max iterations / CV subset",
                    cfg.folds() + " / " + cfg.maxIterations() + " / " + cfg.cvMaxSamples());
            return cfg;
        }

        private EvalReport report(Evaluation eval, EvalReport.ZeroShot zeroShot, EvalReport.Retrieval retrieval,
                                  EvalReport.Linear linear, FewShotBenchmark.Result fewShot, int captionsDropped) {
            EvalReport.Model model = eval == null ? new EvalReport.Model("pixels", null, null, null, null)
                    : new EvalReport.Model("clip", configName, checkpointFile, checkpointKey, eval.logitMultiplier());
            EvalReport.Run run = new EvalReport.Run(o.task, o.get("dataset"), data.fingerprint(), model, settings,
                    System.getProperty("java.version"), started, Instant.now().toString());
            EvalReport.Skipped skipped = new EvalReport.Skipped(skips.total(), skips.byReason(), captionsDropped,
                    sourceRows.total(), sourceRows.byReason(), o.get("out") == null ? null : SkipLog.FILE_NAME);
            return new EvalReport(run, zeroShot, retrieval, linear, fewShot, skipped, provenance(eval != null));
        }

        /** The options as given (the config of this run), the data fingerprint and the seed of the probes. */
        private Provenance provenance(boolean engine) {
            ObjectNode config = new ObjectMapper().createObjectNode().put("task", o.task);
            o.values.forEach(config::put);
            Long seed = List.of("linear", "fewshot").contains(o.task) ? (long) o.integer("seed", 0) : null;
            return engine ? Provenance.capture(config, data.fingerprint(), seed)
                    : Provenance.captureWithoutEngine(config, data.fingerprint(), seed);
        }
    }
}
