package io.dihit.filter.spark;

import io.dihit.core.data.ImageRefs;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.filter.job.RowOutcome;
import io.dihit.filter.job.SampleProcessor;
import io.dihit.filter.job.SourceFailure;
import io.dihit.filter.job.SourceRow;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * CAT filtering as a Spark job, for datasets too big for one machine. Each executor scores its
 * partitions with the same {@link SampleProcessor} as the local job (so decisions are identical),
 * built once per executor JVM by a {@link ProcessorFactory}. One pass writes JSON lines partitioned
 * by outcome: {@code OUT/status=kept/}, {@code OUT/status=rejected/} (with a reason),
 * {@code OUT/status=failed/} (with the error); then {@link #summarize} counts them.
 *
 * <p>Inputs: JSON-lines manifests (malformed lines fail their row) and CSV manifests with a header
 * (multi-line quoted fields allowed). Relative image paths resolve against the manifest's folder;
 * images must be readable by executors through the local file system (a shared mount) when OCR or
 * image verification is on.
 */
public final class SparkFilterJob {
    /** Output columns; failed rows have scores null and an error. */
    public static final StructType OUTPUT_SCHEMA = new StructType()
            .add("status", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, true)
            .add("image", DataTypes.StringType, true)
            .add("caption", DataTypes.StringType, true)
            .add("complexity", DataTypes.IntegerType, true)
            .add("actions", DataTypes.IntegerType, true)
            .add("text_spotted", DataTypes.BooleanType, true)
            .add("ocr_text", DataTypes.StringType, true)
            .add("matched_words", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true);

    private static final String CORRUPT = "_corrupt_record";
    private static final Map<ProcessorFactory, SampleProcessor> PROCESSORS = new ConcurrentHashMap<>();

    private final SparkSession spark;
    private final ProcessorFactory factory;

    public SparkFilterJob(SparkSession spark, ProcessorFactory factory) {
        this.spark = spark;
        this.factory = factory;
    }

    /** Scores every manifest row; the result has {@link #OUTPUT_SCHEMA}. Lazy, like any Dataset. */
    public Dataset<Row> score(List<String> manifests, int partitions) {
        List<String> jsonl = manifests.stream().filter(m -> !m.endsWith(".csv")).toList();
        List<String> csv = manifests.stream().filter(m -> m.endsWith(".csv")).toList();
        StructType inputSchema = new StructType().add("id", DataTypes.StringType).add("image", DataTypes.StringType)
                .add("caption", DataTypes.StringType);
        List<Dataset<Row>> parts = new ArrayList<>();
        if (!jsonl.isEmpty()) {
            parts.add(spark.read().schema(inputSchema.add(CORRUPT, DataTypes.StringType))
                    .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                    .json(jsonl.toArray(String[]::new))
                    .withColumn("source", functions.input_file_name()));
        }
        if (!csv.isEmpty()) {
            parts.add(spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                    .schema(inputSchema.add(CORRUPT, DataTypes.StringType))
                    .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                    .csv(csv.toArray(String[]::new))
                    .withColumn("source", functions.input_file_name()));
        }
        Dataset<Row> input = parts.stream().reduce(Dataset::unionByName)
                .orElseThrow(() -> new IllegalArgumentException("no input manifests"));
        if (partitions > 0) {
            input = input.repartition(partitions);
        }
        ProcessorFactory f = factory;
        return input.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> scorePartition(f, rows),
                Encoders.row(OUTPUT_SCHEMA));
    }

    /** Scores and writes the outputs under {@code output}, replacing what is there. */
    public void run(List<String> manifests, String output, int partitions) {
        score(manifests, partitions).write().mode(SaveMode.Overwrite).partitionBy("status").json(output);
    }

    /** Counts of a written output: status, reason and histograms, computed by Spark. */
    public Map<String, Object> summarize(String output) {
        Dataset<Row> out = spark.read().schema(OUTPUT_SCHEMA).json(output);
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        for (Row r : out.groupBy("status").count().collectAsList()) {
            byStatus.put(r.getString(0), r.getLong(1));
        }
        long read = byStatus.values().stream().mapToLong(Long::longValue).sum();
        summary.put("read", read);
        summary.put("kept", byStatus.getOrDefault("kept", 0L));
        summary.put("rejected", byStatus.getOrDefault("rejected", 0L));
        summary.put("failed", byStatus.getOrDefault("failed", 0L));
        summary.put("rejectedByReason", countBy(out.filter("status = 'rejected'"), "reason"));
        summary.put("failedByReason", countBy(out.filter("status = 'failed'"), "reason"));
        summary.put("complexityHistogram", countBy(out.filter("status != 'failed'"), "complexity"));
        summary.put("actionsHistogram", countBy(out.filter("status != 'failed'"), "actions"));
        return summary;
    }

    private static Map<String, Long> countBy(Dataset<Row> rows, String column) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Row r : rows.groupBy(column).count().collectAsList()) {
            counts.put(String.valueOf(r.get(0)), r.getLong(1));
        }
        return counts;
    }

    private static Iterator<Row> scorePartition(ProcessorFactory factory, Iterator<Row> rows) {
        SampleProcessor processor = PROCESSORS.computeIfAbsent(factory, ProcessorFactory::create);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return scoreRow(processor, rows.next());
            }
        };
    }

    static Row scoreRow(SampleProcessor processor, Row in) {
        String id = in.getAs("id");
        String image = in.getAs("image");
        String caption = in.getAs("caption");
        String corrupt = in.getAs(CORRUPT);
        String source = in.getAs("source");
        if (corrupt != null) {
            return failed(id, image, caption, "malformed_row", "unparseable row: " + abbreviate(corrupt), source);
        }
        if (id == null || id.isBlank() || image == null || image.isBlank()) {
            return failed(id, image, caption, "empty_field", id == null || id.isBlank() ? "empty id" : "empty image path", source);
        }
        if (caption == null || caption.isBlank()) {
            return failed(id, image, caption, "empty_caption", "empty caption", source);
        }
        String resolved = resolve(source, image);
        RowOutcome outcome = processor.process(new SourceRow(0, 0, new ImageTextRecord(id, resolved, caption), null, Map.of()));
        if (outcome instanceof RowOutcome.Failed f) {
            SourceFailure e = f.failure();
            return failed(id, image, caption, e.reason(), e.detail(), source);
        }
        RowOutcome.Scored s = (RowOutcome.Scored) outcome;
        Map<String, Object> c = s.columns();
        return RowFactory.create(s.kept() ? "kept" : "rejected", id, image, caption, c.get("complexity"), c.get("actions"),
                c.get("text_spotted"), c.get("ocr_text"), c.get("matched_words"), s.kept() ? null : s.reasonLabel(), null, source);
    }

    private static Row failed(String id, String image, String caption, String reason, String error, String source) {
        return RowFactory.create("failed", id, image, caption, null, null, null, null, null, reason, error, source);
    }

    /** Image paths in manifests are relative to the manifest's folder, like the local reader. */
    private static String resolve(String source, String image) {
        if (source == null || source.isEmpty()) {
            return image;
        }
        URI uri = URI.create(source);
        if (!"file".equals(uri.getScheme())) {
            return image;
        }
        return ImageRefs.resolve(Path.of(uri).getParent(), image);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
