package io.dihit.filter.job;

import io.dihit.core.util.CommandLineArgs;
import io.dihit.filter.FilterMain;
import io.dihit.filter.FilterOptions;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** Command line of the Spark CAT filter (run it with spark-submit; see docs/filter.md). */
public final class SparkFilterMain {
    static final String USAGE = """
            Usage: spark-submit --class io.dihit.filter.job.SparkFilterMain [spark options] \\
                     dihit-filter-VERSION-spark.jar --input PATH [--input ...] --output DIR [options]

            The Spark form of `dihit filter`: one task per input file (manifest or .tar shard), the
            parser models loaded once per executor, the same rows, decisions and counts as the local
            command. Inputs (and the images manifests name) must be readable by every executor at the
            same path; the driver writes DIR/kept.<fmt>, DIR/rejected.<fmt>, DIR/failed.jsonl and
            DIR/summary.json. Executors need ~5 GB of heap each for the parser models.

            Options:
            """ + FilterMain.OPTIONS_HELP + """
              --master URL           Spark master when not set by spark-submit (e.g. local[2])
              -h, --help             this help
            """;

    private SparkFilterMain() {
    }

    /** Runs {@link #run}; a user error is one line on stderr and exit code 2. */
    public static void main(String[] args) throws Exception {
        CommandLineArgs.main("spark filter", args, SparkFilterMain::run);
    }

    /** Runs the job and returns its exit code (0); options, inputs and the output folder are checked before Spark starts. */
    public static int run(String[] args, PrintStream out) throws Exception {
        FilterOptions o = FilterMain.parseOrHelp(args, true, USAGE, out);
        if (o == null) {
            return 0;
        }
        o.requireRunnable();
        // Threads, in-flight rows and checkpoints are the local job's; the Spark job runs one task per input.
        FilterJobConfig config = FilterJobConfig.of(o.inputs(), o.output(), 1).withOutputFormat(o.format())
                .withDuplicateIds(o.duplicateIds());
        ClearNlpProcessorFactory factory = new ClearNlpProcessorFactory(o.rule(), o.matcher(), o.maxTokens(),
                o.ocr().name(), o.ocr().options(), o.imageCheck());
        LocalFilterJob.checkCanRun(config, factory.rule());
        SparkSession.Builder builder = SparkSession.builder().appName("dihit-cat-filter");
        if (o.master() != null) {
            builder.master(o.master());
        }
        try (SparkSession spark = builder.getOrCreate()) {
            JobCounters c = new SparkFilterJob(spark, factory).run(config);
            out.println(FilterSummary.oneLine(config, factory.rule(), c));
        }
        return 0;
    }
}
