package io.dihit.examples.demo;

import io.dihit.core.util.ProgressBar;
import io.dihit.filter.CatRule;
import io.dihit.filter.CatScorer;
import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.ClearNlpCaptionParser;
import io.dihit.filter.job.FilterJobConfig;
import io.dihit.filter.job.JobCounters;
import io.dihit.filter.job.LocalFilterJob;
import io.dihit.filter.job.SampleProcessor;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.CachingTextSpotter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dihit.core.data.Manifests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CAT-filters the pre-training manifest with dihit-filter's local job (ClearNLP parse -> complexity and
 * actions; PaddleOCR text spotting, once per image, unless the preset turns it off) and
 * keeps, per rejection reason, a few examples for the report.
 */
public final class CatStage implements DemoStage {

    /** What the filter did, for the report. */
    public record Summary(JobCounters counters, CatRule rule, String spotter, Map<String, List<String[]>> examples) {
    }

    static final int EXAMPLES_PER_REASON = 3;

    /** More than a fold's distinct training images (3 styles x 1,857 plus the text-in-image ones), so every image is OCR'd once. */
    private static final int IMAGE_CACHE = 16_384;

    /** More than the distinct training captions (about 7,400): the styles share most captions, each is parsed once. */
    private static final int CAPTION_CACHE = 16_384;

    @Override
    public String name() {
        return "CAT filter";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        // Each image has 3-4 captions (rows): the cache OCRs it once.
        CachingTextSpotter spotter = context.config().textSpotting()
                ? new CachingTextSpotter(TextSpotters.open(context.layout()), IMAGE_CACHE) : null;
        CatRule rule = spotter == null ? CatRule.DEFAULT.withTextMatch(false) : CatRule.DEFAULT;
        CatScorer scorer = new CatScorer(new CaptionAnalyzer(new ClearNlpCaptionParser(), CAPTION_CACHE), spotter, new TextMatcher());
        Path dir = context.config().foldDir(context.currentFold()).resolve("cat");
        // An image's caption rows are adjacent and wait for its one OCR run; with a worker per core and
        // caption, while some wait on an image's OCR the others reach the next images, so every core OCRs.
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = spotter == null ? cores : cores * context.config().captionsPerConcept();
        FilterJobConfig job = new FilterJobConfig(List.of(context.foldData().train()), dir, "csv", threads, threads * 64,
                100_000, false, io.dihit.filter.job.DuplicateIds.KEEP_FIRST);
        LocalFilterJob filter = new LocalFilterJob(job, new SampleProcessor(scorer, rule, io.dihit.filter.job.ImageCheck.HEADER));
        JobCounters counters;
        try (ProgressBar bar = context.progress(name(), 1)) {
            counters = filter.run();
            bar.step();
        } finally {
            if (spotter != null) {
                spotter.close();
            }
        }
        context.catKept(filter.keptFile());
        context.catSummary(new Summary(counters, rule, spotter == null ? "none" : scorer.spotterName(), examples(filter.rejectedFile())));
        CatNoiseScore noise = CatNoiseScore.of(context.foldData().kinds(), ids(filter.keptFile()), rejectedIds(filter.rejectedFile()));
        context.catNoise(noise);
        String spotting = spotter == null ? "none" : String.format(Locale.ROOT, "%s (%d images OCR'd, %d rows answered from the cache)",
                scorer.spotterName(), spotter.misses(), spotter.hits());
        return String.format(Locale.ROOT, "held out %s: read %d, kept %d (%.0f %%), rejected %d %s, failed %d; of the rejections "
                        + "%.0f %% were injected noise; rule: %s; text spotting: %s",
                context.currentFold().heldOut().vendor(), counters.read, counters.kept, 100.0 * counters.kept / Math.max(1, counters.read),
                counters.rejected, counters.rejectedByReason, counters.failed, 100 * noise.noisePrecision(), rule.describe(), spotting);
    }

    /** The ids of a manifest (the kept rows). */
    static Set<String> ids(Path manifest) throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.isRegularFile(manifest)) {
            Manifests.readAll(manifest).records().forEach(r -> ids.add(r.id()));
        }
        return ids;
    }

    /** The ids of the rejected rows. */
    static Set<String> rejectedIds(Path rejected) throws IOException {
        Set<String> ids = new HashSet<>();
        if (!Files.isRegularFile(rejected)) {
            return ids;
        }
        try (Reader in = Files.newBufferedReader(rejected);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : parser) {
                ids.add(r.get("id"));
            }
        }
        return ids;
    }

    /** The first few rejected rows per reason: id, caption, complexity, actions, OCR text. */
    static Map<String, List<String[]>> examples(Path rejected) throws IOException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(rejected)) {
            return out;
        }
        try (Reader in = Files.newBufferedReader(rejected);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : parser) {
                List<String[]> list = out.computeIfAbsent(r.get("reason"), k -> new ArrayList<>());
                if (list.size() < EXAMPLES_PER_REASON) {
                    list.add(new String[] {r.get("id"), r.get("caption"), r.get("complexity"), r.get("actions"), r.get("ocr_text")});
                }
            }
        }
        return out;
    }
}
