package io.dihit.filter.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dihit.filter.FilterMain;
import io.dihit.filter.FilterOptions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/** Command line of the Spark CAT filter (run it with spark-submit; see docs/filter.md). */
public final class SparkFilterMain {
    static final String USAGE = """
            Usage: spark-submit --class io.dihit.filter.spark.SparkFilterMain [spark options] \\
                     dihit-filter-with-dependencies.jar --input MANIFEST [--input ...] --output DIR [options]

            Writes DIR/status=kept|rejected|failed/ (JSON lines, every score, reason, error) and
            DIR/_cat_summary.json. Executors need ~5 GB of heap each for the parser models.

            Options:
            """ + FilterMain.OPTIONS_HELP + """
              --partitions N         repartition the input into N partitions (default: as read)
              --master URL           Spark master when not set by spark-submit (e.g. local[2])
              -h, --help             this help
            """;

    private SparkFilterMain() {
    }

    public static void main(String[] args) throws Exception {
        FilterOptions o;
        try {
            o = FilterMain.parse(args, true);
            if (o.help() || args.length == 0) {
                System.out.print(USAGE);
                return;
            }
            o.requireRunnable();
        } catch (IllegalArgumentException e) {
            System.err.println("SparkFilterMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("dihit-cat-filter");
        if (o.master() != null) {
            builder.master(o.master());
        }
        try (SparkSession spark = builder.getOrCreate()) {
            ClearNlpProcessorFactory factory = new ClearNlpProcessorFactory(o.rule(), o.matcher(), o.maxTokens(),
                    o.ocr().name(), o.ocr().options(), o.imageCheck());
            SparkFilterJob job = new SparkFilterJob(spark, factory);
            List<String> inputs = o.inputUris();
            String output = o.outputUri();
            long start = System.nanoTime();
            job.run(inputs, output, o.partitions());
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("rule", o.rule().describe());
            summary.put("inputs", inputs);
            summary.put("counts", job.summarize(output));
            summary.put("seconds", seconds);
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(output, "_cat_summary.json");
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, true)) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
            System.out.println(json);
        }
    }
}
