package io.dihit.filter;

import io.dihit.filter.job.DuplicateIds;
import io.dihit.filter.job.ImageCheck;
import io.dihit.filter.ocr.OcrEngine;
import io.dihit.filter.spotting.TextMatcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a filter command was asked to do ({@code FilterMain}, {@code SparkFilterMain} parse their flags
 * into it): inputs, output, the CAT rule, the text matcher, the OCR engine and the job settings.
 * Immutable; built with {@link #builder()}.
 *
 * @param inputs  the inputs (file paths; on Spark, paths every executor can read)
 * @param output  the output folder, or null
 * @param explain captions to explain instead of filtering
 * @param master  Spark master when not set by spark-submit, or null
 */
public record FilterOptions(List<Path> inputs, Path output, String format,
                            int threads, int checkpointEvery, ImageCheck imageCheck, DuplicateIds duplicateIds,
                            boolean progress, CatRule rule, TextMatcher.Config matcher, OcrEngine ocr, int maxTokens,
                            List<String> explain, String master, boolean help) {

    public FilterOptions {
        inputs = List.copyOf(inputs);
        explain = List.copyOf(explain);
        if (rule.textMatchEnabled() && !ocr.enabled()) {
            throw new IllegalArgumentException("text matching needs --ocr");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks what a filtering run (not --help, not --explain) needs. */
    public void requireRunnable() {
        if (inputs.isEmpty() || output == null) {
            throw new IllegalArgumentException("--input and --output are required (see --help)");
        }
    }

    /** Collects settings one by one (as a command line gives them); defaults are those of the help text. */
    public static final class Builder {
        private final List<Path> inputs = new ArrayList<>();
        private Path output;
        private String format = "jsonl";
        private int threads = Runtime.getRuntime().availableProcessors();
        private int checkpointEvery = 10_000;
        private ImageCheck imageCheck = ImageCheck.HEADER;
        private DuplicateIds duplicateIds = DuplicateIds.KEEP_FIRST;
        private boolean progress = true;
        private boolean complexity = true;
        private int minComplexity = 1;
        private boolean actions = true;
        private int minActions = 1;
        private Boolean textMatch; // default: on exactly when an OCR engine is given
        private double minConfidence = TextMatcher.Config.DEFAULT.minConfidence();
        private int minWordLength = TextMatcher.Config.DEFAULT.minWordLength();
        private String ocr;
        private final Map<String, String> ocrOptions = new LinkedHashMap<>();
        private int ocrCache = OcrEngine.DEFAULT_CACHE;
        private int maxTokens = 256;
        private final List<String> explain = new ArrayList<>();
        private String master;
        private boolean help;

        private Builder() {}

        public Builder input(Path v) { inputs.add(v); return this; }
        public Builder output(Path v) { output = v; return this; }

        public Builder format(String v) { format = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder imageCheck(ImageCheck v) { imageCheck = v; return this; }
        public Builder duplicateIds(DuplicateIds v) { duplicateIds = v; return this; }
        public Builder progress(boolean v) { progress = v; return this; }
        public Builder complexity(boolean v) { complexity = v; return this; }
        public Builder minComplexity(int v) { minComplexity = v; return this; }
        public Builder actions(boolean v) { actions = v; return this; }
        public Builder minActions(int v) { minActions = v; return this; }
        public Builder textMatch(boolean v) { textMatch = v; return this; }
        public Builder minConfidence(double v) { minConfidence = v; return this; }
        public Builder minWordLength(int v) { minWordLength = v; return this; }
        public Builder ocr(String engine) { ocr = engine; return this; }
        public Builder ocrOption(String key, String value) { ocrOptions.put(key, value); return this; }
        public Builder ocrCache(int v) { ocrCache = v; return this; }
        public Builder maxTokens(int v) { maxTokens = v; return this; }
        public Builder explain(String caption) { explain.add(caption); return this; }
        public Builder master(String v) { master = v; return this; }
        public Builder help(boolean v) { help = v; return this; }

        public FilterOptions build() {
            if (ocrCache < 0) {
                throw new IllegalArgumentException("--ocr-cache must be >= 0, got " + ocrCache);
            }
            OcrEngine engine = new OcrEngine(ocr, ocrOptions, ocrCache);
            boolean text = textMatch == null ? engine.enabled() : textMatch;
            return new FilterOptions(inputs, output, format, threads, checkpointEvery, imageCheck,
                    duplicateIds, progress, new CatRule(complexity, minComplexity, actions, minActions, text),
                    new TextMatcher.Config(minConfidence, minWordLength), engine, maxTokens, explain, master, help);
        }
    }
}
