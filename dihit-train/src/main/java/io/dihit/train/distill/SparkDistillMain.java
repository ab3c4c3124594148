package io.dihit.train.distill;

import org.apache.spark.sql.SparkSession;

/** Command line of the Spark soft-label job (run it with spark-submit; see docs/distill.md). */
public final class SparkDistillMain {

    static final String USAGE = """
            usage: spark-submit --class io.dihit.train.distill.SparkDistillMain [spark options] \\
                     dihit-train-VERSION-spark.jar --data INPUT... --teacher MODEL --out LABELS [options]

            The Spark form of `dihit distill`: one task per input file, the teacher loaded once per
            executor, the same rows, labels and counts as the local command. Inputs and the teacher must
            be readable by the driver and every executor at the same path; the driver writes LABELS,
            LABELS.failures.jsonl and LABELS.json.

            options: those of `dihit distill` (--image-size, --top-k, --temperature, --batch-size,
            --threads: decoding threads per task, default one per core), and
              --master URL         Spark master when not set by spark-submit (e.g. local[2])
            """;

    private SparkDistillMain() {}

    public static void main(String[] args) throws java.io.IOException {
        DistillMain.Options o = DistillMain.parse(args, true);
        if (o.help()) {
            System.out.print(USAGE);
            return;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("dihit-distill");
        if (o.master() != null) {
            builder.master(o.master());
        }
        try (SparkSession spark = builder.getOrCreate()) {
            DistillReport report = new SparkDistillJob(spark).run(o.teacher(), o.data(), o.out(), o.config());
            System.out.println(DistillMain.summary(report, o.out()));
        }
    }
}
