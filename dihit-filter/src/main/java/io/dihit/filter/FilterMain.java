package io.dihit.filter;

import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.ClearNlpCaptionParser;
import io.dihit.filter.caption.SceneGraph;
import io.dihit.core.util.CommandLineArgs;
import io.dihit.filter.job.FilterJobConfig;
import io.dihit.filter.job.FilterSummary;
import io.dihit.filter.job.ImageCheck;
import io.dihit.filter.job.JobCounters;
import io.dihit.filter.job.LocalFilterJob;
import io.dihit.filter.job.SampleProcessor;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.io.PrintStream;

/** Command line of the local CAT filter ({@code dihit filter}). */
public final class FilterMain {
    static final String USAGE = """
            Usage: dihit filter --input MANIFEST [--input ...] --output DIR [options]
                   dihit filter --explain "a caption" [--explain ...]

            CAT filtering (complexity, actions, text spotting) of image-caption pairs, as in DiHT.
            Writes DIR/kept.<fmt>, DIR/rejected.<fmt> (with a reason column), DIR/failed.jsonl and
            DIR/summary.json; every row keeps all its scores. Re-running the same command on the same
            DIR resumes an interrupted run. Parsing needs ~4 GB of heap (java -Xmx5g).

            Options:
            """ + FilterOptions.OPTIONS_HELP + """
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
        FilterOptions o = FilterOptions.parseOrHelp(args, false, USAGE, out);
        if (o == null) {
            return 0;
        }
        FilterJobConfig config = null;
        if (o.explain.isEmpty()) {
            // Everything the user can get wrong is checked before the ~20 s of model loading.
            o.requireRunnable();
            config = new FilterJobConfig(o.inputs, o.output, o.format, o.threads, o.threads * 64,
                    o.checkpointEvery, o.progress, o.duplicateIds);
            LocalFilterJob.checkCanRun(config, o.rule());
        }
        CaptionAnalyzer analyzer = new CaptionAnalyzer(new ClearNlpCaptionParser(new ClearNlpCaptionParser.Config(o.maxTokens)),
                FilterOptions.DEFAULT_CAPTION_CACHE);
        if (!o.explain.isEmpty()) {
            for (String caption : o.explain) {
                SceneGraph g = analyzer.analyze(caption);
                out.printf("%s%n  complexity %d, actions %d%n  %s%n", caption, g.complexity(), g.actions(), g.describe());
            }
            return 0;
        }
        try (TextSpotter spotter = o.createSpotter()) {
            CatScorer scorer = new CatScorer(analyzer, spotter, new TextMatcher(o.matcherConfig()));
            SampleProcessor processor = new SampleProcessor(scorer, o.rule(), o.imageCheck);
            if (processor.imageCheck() == ImageCheck.NONE) {
                out.println("note: images are not opened (--no-verify-images): unreadable images are kept or"
                        + " rejected like good ones; summary.json records imagesOpened=false");
            }
            JobCounters c = new LocalFilterJob(config, processor).run();
            out.println(FilterSummary.oneLine(config, o.rule(), c));
        }
        return 0;
    }
}
