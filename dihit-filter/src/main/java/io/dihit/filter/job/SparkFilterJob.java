package io.dihit.filter.job;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * CAT filtering as a Spark job, for datasets too big for one machine, with the outputs and accounting
 * of {@link LocalFilterJob}. Each input file (CSV / JSON-lines manifest or tar shard) is one Spark task:
 * the executor reads it with the local job's readers ({@link SampleSource}) and scores every row with
 * the same {@link SampleProcessor}, built once per executor JVM by a {@link ProcessorFactory}. The
 * driver then takes the results back file by file, in input order, applies the duplicate-id policy
 * across all inputs and writes kept, rejected, failed.jsonl and summary.json with the local job's
 * writer ({@link FilterOutputs}, {@link FilterSummary}); for the same inputs and rule the files hold the
 * same rows and counts as the local job's.
 *
 * <p>Inputs must be readable by every executor at the same path (a shared mount); the driver writes the
 * output folder. A failed run is started again from the beginning (there is no checkpoint). The
 * settings of {@link FilterJobConfig} used are inputs, output folder, output format and duplicate-id
 * policy; its threads, in-flight, checkpoint and progress settings belong to the local job.
 */
public final class SparkFilterJob {

    /** What a task sends back for its input: the outcomes in read order and the input's totals. */
    record InputResult(List<ShippedOutcome> outcomes, InputTotals totals) implements Serializable {
    }

    /**
     * @param extraColumns the CSV header's extra columns, then the JSON-lines keys in order of first appearance
     * @param membersLost  tar members lost to corrupt headers
     */
    record InputTotals(List<String> extraColumns, long membersLost, ProcessorInfo processor) implements Serializable {
    }

    /** Processors of this JVM by factory: built on first use, kept for the executor's life. */
    private static final Map<ProcessorFactory, SampleProcessor> PROCESSORS = new ConcurrentHashMap<>();

    private final SparkSession spark;
    private final ProcessorFactory factory;

    public SparkFilterJob(SparkSession spark, ProcessorFactory factory) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Filters every input on the cluster and writes the outputs into {@code config.outputDir()},
     * replacing a previous run's.
     *
     * @return the counts written to summary.json
     * @throws io.dihit.core.util.UserError when an input is missing or the output folder cannot take the job
     */
    public JobCounters run(FilterJobConfig config) throws IOException {
        LocalFilterJob.checkCanRun(config, factory.rule());
        Files.createDirectories(config.outputDir());
        // A local checkpoint left in the folder would describe other files than the ones written here.
        Files.deleteIfExists(config.outputDir().resolve("checkpoint.json"));
        Files.deleteIfExists(FilterSummary.file(config));
        long start = System.nanoTime();
        List<String> paths = config.inputs().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        ProcessorFactory f = factory;
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // One partition per input, so partition index = input index and partition order = input order.
        JavaRDD<InputResult> results = context.parallelize(paths, paths.size())
                .mapPartitionsWithIndex((input, files) -> List.of(filterInput(f, input, Path.of(files.next()))).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // Runs every task in parallel; the ordered pass below then reads the cached results.
            List<InputTotals> totals = results.map(InputResult::totals).collect();
            LinkedHashSet<String> extraColumns = new LinkedHashSet<>();
            totals.forEach(t -> extraColumns.addAll(t.extraColumns()));
            JobCounters counts = new JobCounters();
            SeenIds seen = new SeenIds();
            try (FilterOutputs out = new FilterOutputs(config, List.copyOf(extraColumns), false)) {
                for (Iterator<InputResult> it = results.toLocalIterator(); it.hasNext(); ) {
                    for (ShippedOutcome shipped : it.next().outcomes()) {
                        boolean duplicate = shipped.fromRow() && !seen.add(shipped.id());
                        RowOutcome outcome = duplicate && config.duplicateIds() == DuplicateIds.KEEP_FIRST
                                ? new RowOutcome.Failed(SourceFailure.duplicateId(shipped.input(), shipped.position(), shipped.id()))
                                : shipped.outcome();
                        out.write(outcome);
                        counts.add(outcome, duplicate);
                    }
                }
            }
            counts.tarMembersLost = totals.stream().mapToLong(InputTotals::membersLost).sum();
            Map<String, Object> execution = new LinkedHashMap<>();
            execution.put("sparkMaster", spark.sparkContext().master());
            execution.put("sparkTasks", paths.size());
            FilterSummary.write(config, totals.get(0).processor(), counts, execution, (System.nanoTime() - start) / 1e9, counts.read);
            return counts;
        } finally {
            results.unpersist(false);
        }
    }

    /** On an executor: reads one input and scores its rows, as the local job does, in read order. */
    private static InputResult filterInput(ProcessorFactory factory, int input, Path path) throws IOException {
        SampleProcessor processor = PROCESSORS.computeIfAbsent(factory, ProcessorFactory::create);
        List<ShippedOutcome> outcomes = new ArrayList<>();
        LinkedHashSet<String> extraColumns = new LinkedHashSet<>();
        try (SampleSource source = SampleSource.open(input, path, processor.needsImages())) {
            extraColumns.addAll(source.extraColumns());
            for (SourceRow row; ; ) {
                row = source.next();
                for (SourceFailure failure : source.drainFailures()) { // they lie before the row
                    outcomes.add(ShippedOutcome.of(new RowOutcome.Failed(failure), false));
                }
                if (row == null) {
                    return new InputResult(outcomes, new InputTotals(List.copyOf(extraColumns), source.membersLost(), processor.info()));
                }
                extraColumns.addAll(row.extra().keySet());
                outcomes.add(ShippedOutcome.of(processor.process(row), true));
            }
        }
    }
}
