package io.dihit.eval;

import ai.djl.Device;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.eval.data.CaptionedImages;
import io.dihit.eval.data.FashionMnist;
import io.dihit.eval.data.FirstN;
import io.dihit.eval.data.Fingerprints;
import io.dihit.eval.data.ImageFolder;
import io.dihit.eval.data.LabeledImages;
import io.dihit.eval.data.PixelFeatures;
import io.dihit.eval.embed.ClipEncoder;
import io.dihit.eval.embed.FeatureFile;
import io.dihit.eval.embed.ImageEmbeddings;
import io.dihit.eval.embed.TextEncoder;
import io.dihit.eval.math.Vectors;
import io.dihit.eval.metrics.ClassificationMetrics;
import io.dihit.eval.probe.FewShotBenchmark;
import io.dihit.eval.probe.LinearProbe;
import io.dihit.eval.report.EvalReport;
import io.dihit.eval.report.ReportWriter;
import io.dihit.eval.retrieval.RetrievalMetrics;
import io.dihit.eval.zeroshot.PromptTemplates;
import io.dihit.eval.zeroshot.ZeroShotClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dihit eval <task> [options]}: zero-shot classification, zero-shot retrieval, linear probe or the
 * few-shot probes, written as report.json and report.md. Run with --help for the options.
 */
public final class EvalMain {
    static final String HELP = """
            usage: dihit eval <task> [options]

            tasks
              zeroshot    zero-shot classification (class names x prompt templates): top-1/top-5, per-class accuracy
              retrieval   zero-shot image<->text retrieval R@1/5/10 on a manifest (rows sharing an image = its captions)
              linear      plain linear probe (logistic regression, L2 by cross-validation) on frozen features
              fewshot     DiHT few-shot probe vs plain probe at several shot counts, vs zero-shot

            data
              --dataset X          fashion-mnist | an image folder (root/<class>/<image>) | a manifest (.csv/.jsonl,
                                   retrieval). linear/fewshot on a folder use X/train and X/test; zeroshot uses X/test
                                   when it exists, else X.
              --max-train N        use only the first N training samples (quick runs)
              --max-test N         use only the first N test samples

            model
              --checkpoint PATH    weights: .safetensors (dihit's carry their config), a torch.save
                                   .pt/.bin/.ckpt, a training checkpoint dir or a run dir
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
              --out DIR            write report.json and report.md there (default: print Markdown only)
              -h, --help           this text
            """;

    private EvalMain() {}

    public static void main(String[] args) {
        try {
            int code = run(args, System.out);
            if (code != 0) {
                System.exit(code);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dihit eval: " + e.getMessage());
            System.err.println("(dihit eval --help lists the options)");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("dihit eval: " + e.getMessage());
            System.exit(1);
        } catch (java.io.UncheckedIOException e) {
            // e.g. an image that cannot be decoded: the message names it
            System.err.println("dihit eval: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs one evaluation; returns the exit code. */
    public static int run(String[] args, PrintStream out) throws IOException {
        Options o = Options.parse(args);
        if (o.help) {
            out.print(HELP);
            return 0;
        }
        String started = Instant.now().toString();
        Runner runner = new Runner(o);
        try {
            EvalReport report = runner.run(started);
            if (o.get("out") != null) {
                Path dir = Path.of(o.get("out"));
                ReportWriter.write(report, dir);
                out.println("wrote " + dir.resolve("report.json") + " and " + dir.resolve("report.md"));
            }
            out.print(ReportWriter.markdown(report));
            return 0;
        } finally {
            runner.close();
        }
    }

    /** Command-line options: the task, then --key value pairs and a few flags. */
    static final class Options {
        static final List<String> FLAGS = List.of("random-init", "no-cache", "help");
        static final List<String> KEYS = List.of("dataset", "max-train", "max-test", "checkpoint", "config", "merges",
                "features", "device", "batch", "cache", "templates", "shots", "samplings", "seed", "threads", "lambdas", "out");
        final Map<String, String> values = new LinkedHashMap<>();
        String task;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
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
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                } else if (o.task == null) {
                    o.task = a;
                } else {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
            }
            if (!o.help) {
                if (o.task == null) {
                    throw new IllegalArgumentException("no task given (zeroshot, retrieval, linear, fewshot)");
                }
                if (!List.of("zeroshot", "retrieval", "linear", "fewshot").contains(o.task)) {
                    throw new IllegalArgumentException("unknown task '" + o.task + "'");
                }
                if (o.get("dataset") == null) {
                    throw new IllegalArgumentException("--dataset is required");
                }
            }
            return o;
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
    }

    /** Opens what the task needs, runs it, and assembles the report. */
    static final class Runner implements AutoCloseable {
        private final Options o;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ClipEncoder encoder;
        private ImageEmbeddings images;
        private String checkpointKey;
        private String checkpointFile;
        private String configName;

        Runner(Options o) {
            this.o = o;
            o.values.forEach((k, v) -> {
                if (!List.of("dataset", "checkpoint", "config", "out").contains(k)) {
                    settings.put(k, v);
                }
            });
        }

        EvalReport run(String started) throws IOException {
            boolean pixels = "pixels".equals(o.get("features"));
            if (o.get("features") != null && !pixels) {
                throw new IllegalArgumentException("--features accepts only 'pixels'");
            }
            if (pixels && !o.task.equals("linear")) {
                throw new IllegalArgumentException("--features pixels works with the linear task only");
            }
            if (!pixels) {
                openModel();
            }
            String dataset = o.get("dataset");
            return switch (o.task) {
                case "zeroshot" -> zeroShot(dataset, started);
                case "retrieval" -> retrieval(dataset, started);
                case "linear" -> linear(dataset, pixels, started);
                case "fewshot" -> fewShot(dataset, started);
                default -> throw new IllegalArgumentException("unknown task " + o.task);
            };
        }

        private void openModel() throws IOException {
            // a run directory or training checkpoint stands for its model file; the report names that file
            Path checkpoint = o.get("checkpoint") == null ? null : Checkpoints.resolveModelFile(Path.of(o.get("checkpoint")));
            checkpointFile = checkpoint == null ? null : checkpoint.toString();
            if (checkpoint == null && !o.flag("random-init")) {
                throw new IllegalArgumentException("--checkpoint is required (or --random-init for speed checks)");
            }
            ClipConfig config;
            if (o.get("config") != null) {
                String c = o.get("config");
                config = Files.isRegularFile(Path.of(c)) ? ClipConfig.fromJson(Path.of(c)) : ClipConfig.named(c);
                configName = c;
            } else if (checkpoint != null && Checkpoints.readConfig(checkpoint).isPresent()) {
                config = Checkpoints.readConfig(checkpoint).get();
                configName = "from checkpoint metadata";
            } else {
                throw new IllegalArgumentException("--config is required: the checkpoint does not carry one");
            }
            Device device = o.get("device") == null ? Device.cpu() : Device.fromName(o.get("device"));
            encoder = ClipEncoder.open(config, checkpoint, device, o.integer("batch", 64));
            checkpointKey = ImageEmbeddings.checkpointKey(checkpoint, config.toJson());
            images = new ImageEmbeddings(encoder, checkpointKey, cacheDir());
        }

        /** --cache DIR, else ~/.cache/dihit/embeddings; null with --no-cache. */
        private Path cacheDir() {
            if (o.flag("no-cache")) {
                return null;
            }
            return o.get("cache") != null ? Path.of(o.get("cache"))
                    : Path.of(System.getProperty("user.home"), ".cache", "dihit", "embeddings");
        }

        private EvalReport.Model model(boolean pixels) {
            if (pixels) {
                return new EvalReport.Model("pixels", null, null, null, null);
            }
            return new EvalReport.Model("clip", configName, checkpointFile, checkpointKey, encoder.logitScale());
        }

        private EvalReport.Run runInfo(String dataset, String fingerprint, boolean pixels, String started) {
            return new EvalReport.Run(o.task, dataset, fingerprint, model(pixels), settings,
                    System.getProperty("java.version"), started, Instant.now().toString());
        }

        private TextEncoder textEncoder() throws IOException {
            if (o.get("merges") == null) {
                throw new IllegalArgumentException("--merges is required for text embeddings (the tokenizer's merges file)");
            }
            return encoder.textEncoder(ClipTokenizer.fromMerges(Path.of(o.get("merges"))));
        }

        private PromptTemplates templates() throws IOException {
            return PromptTemplates.resolve(o.get("templates") == null ? "generic" : o.get("templates"));
        }

        private EvalReport zeroShot(String dataset, String started) throws IOException {
            LabeledImages test = limit(split(dataset, false), "max-test");
            PromptTemplates t = templates();
            ZeroShotClassifier zs = ZeroShotClassifier.build(test.classNames(), t, textEncoder());
            ClassificationMetrics m = zs.evaluate(images.of(test), test.labels());
            return new EvalReport(runInfo(dataset, test.fingerprint(), false, started),
                    EvalReport.ZeroShot.of(t.name(), t.size(), test.classNames(), m), null, null, null);
        }

        private EvalReport retrieval(String dataset, String started) throws IOException {
            CaptionedImages set = CaptionedImages.fromManifest(Path.of(dataset));
            if (set.report().skippedCount() > 0) {
                settings.put("manifest rows skipped", String.valueOf(set.report().skippedCount()));
            }
            float[][] img = images.of(set);
            float[][] txt = cachedTexts(set.captions(), set.fingerprint());
            RetrievalMetrics m = RetrievalMetrics.fromEmbeddings(img, txt, set.textToImage(), RetrievalMetrics.DEFAULT_KS,
                    encoder.device());
            return new EvalReport(runInfo(dataset, set.fingerprint(), false, started), null, EvalReport.Retrieval.of(m),
                    null, null);
        }

        /** Caption embeddings, cached like image embeddings (the captions are part of the set's fingerprint). */
        private float[][] cachedTexts(List<String> captions, String fingerprint) throws IOException {
            String key = "txt-" + checkpointKey + "-" + fingerprint + "-" + encoder.contextLength();
            Path cacheDir = cacheDir();
            Path file = cacheDir == null ? null : cacheDir.resolve(key + ".emb");
            if (file != null && Files.isRegularFile(file)) {
                try {
                    return FeatureFile.read(file, key);
                } catch (IOException e) {
                    // damaged or foreign file: recompute below
                }
            }
            float[][] txt = textEncoder().encode(captions);
            if (file != null) {
                FeatureFile.write(file, key, txt);
            }
            return txt;
        }

        private EvalReport linear(String dataset, boolean pixels, String started) throws IOException {
            LabeledImages train = limit(split(dataset, true), "max-train");
            LabeledImages test = limit(split(dataset, false), "max-test");
            checkSameClasses(train, test);
            float[][] xTrain = pixels ? PixelFeatures.of(train) : Vectors.normalizedRows(images.of(train));
            float[][] xTest = pixels ? PixelFeatures.of(test) : Vectors.normalizedRows(images.of(test));
            LinearProbe.Config cfg = linearConfig(LinearProbe.Config.defaults().withSeed(o.integer("seed", 0)));
            recordLinearSettings(cfg);
            LinearProbe.Result r = LinearProbe.fit(xTrain, train.labels(), train.classNames().size(), cfg);
            ClassificationMetrics m = ClassificationMetrics.fromScores(r.model().logits(xTest), test.labels());
            EvalReport.Linear section = new EvalReport.Linear(train.size(), test.size(), r.lambda(), m.top1(), m.top5(),
                    m.meanPerClassRecall(), r.crossValidation());
            String fp = new Fingerprints().add(train.fingerprint()).add(test.fingerprint()).hex();
            return new EvalReport(runInfo(dataset, fp, pixels, started), null, null, section, null);
        }

        private EvalReport fewShot(String dataset, String started) throws IOException {
            LabeledImages train = limit(split(dataset, true), "max-train");
            LabeledImages test = limit(split(dataset, false), "max-test");
            checkSameClasses(train, test);
            ZeroShotClassifier zs = ZeroShotClassifier.build(train.classNames(), templates(), textEncoder());
            FewShotBenchmark.Config d = FewShotBenchmark.Config.defaults();
            int[] shots = o.get("shots") == null ? d.shots()
                    : Arrays.stream(o.get("shots").split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            LinearProbe.Config lin = linearConfig(d.linear());
            FewShotBenchmark.Config cfg = new FewShotBenchmark.Config(shots, o.integer("samplings", d.samplings()),
                    o.integer("seed", 0), d.diht(), lin);
            recordLinearSettings(lin);
            settings.put("effective shots", Arrays.toString(cfg.shots()));
            settings.put("effective samplings", String.valueOf(cfg.samplings()));
            settings.put("effective delta grid (x s*sqrt(classes))", Arrays.toString(cfg.diht().deltaGrid()));
            settings.put("effective delta_b grid (x s)", Arrays.toString(cfg.diht().biasGrid()));
            settings.put("effective DiHT probe folds / max steps", cfg.diht().folds() + " / " + cfg.diht().maxIterations());
            FewShotBenchmark.Result r = FewShotBenchmark.run(zs, encoder.logitScale(), images.of(train), train.labels(),
                    images.of(test), test.labels(), cfg);
            String fp = new Fingerprints().add(train.fingerprint()).add(test.fingerprint()).hex();
            return new EvalReport(runInfo(dataset, fp, false, started), null, null, null, r);
        }

        /** Writes the plain probe's effective settings (defaults included) into the report. */
        private void recordLinearSettings(LinearProbe.Config c) {
            settings.put("effective seed", String.valueOf(o.integer("seed", 0)));
            settings.put("effective lambdas", Arrays.toString(c.lambdas()));
            settings.put("effective linear probe folds / max iterations / CV subset",
                    c.folds() + " / " + c.maxIterations() + " / " + c.cvMaxSamples());
        }

        /** Applies --lambdas and --threads. */
        private LinearProbe.Config linearConfig(LinearProbe.Config c) {
            double[] lambdas = o.get("lambdas") == null ? c.lambdas()
                    : Arrays.stream(o.get("lambdas").split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
            return new LinearProbe.Config(lambdas, c.folds(), c.maxIterations(), c.cvMaxSamples(), c.seed(),
                    o.integer("threads", c.threads()));
        }

        private LabeledImages limit(LabeledImages data, String key) {
            int n = o.integer(key, 0);
            return n > 0 ? FirstN.of(data, n) : data;
        }

        /** fashion-mnist or an image folder; {@code train} picks the training split. */
        private static LabeledImages split(String dataset, boolean train) throws IOException {
            if (dataset.equals("fashion-mnist")) {
                return FashionMnist.load(train ? FashionMnist.Split.TRAIN : FashionMnist.Split.TEST);
            }
            Path root = Path.of(dataset);
            Path sub = root.resolve(train ? "train" : "test");
            if (Files.isDirectory(sub)) {
                return ImageFolder.open(sub);
            }
            if (train) {
                throw new IOException(root + " has no train/ sub-folder (probes need " + root + "/train and " + root + "/test)");
            }
            return ImageFolder.open(root);
        }

        private static void checkSameClasses(LabeledImages train, LabeledImages test) {
            if (!train.classNames().equals(test.classNames())) {
                throw new IllegalArgumentException("train and test classes differ: " + train.classNames() + " vs "
                        + test.classNames());
            }
        }

        @Override
        public void close() {
            if (encoder != null) {
                encoder.close();
            }
        }
    }
}
