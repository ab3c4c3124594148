package io.dihit.train.distill;

import ai.djl.Device;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Teacher soft labels as a Spark job, for inputs too big for one machine. Each input file (manifest
 * or tar shard) is one task; executors run the same per-row code as the local job
 * ({@link SoftLabels#labelInput}) with the teacher loaded once per executor JVM, and the driver
 * streams the rows back in input order into the same writer ({@link SoftLabelOutputs}), so the
 * sidecar, failures file and counts equal the local job's. Inputs and the teacher file must be
 * readable by every executor at the same path (a shared mount); the outputs are written by the driver.
 */
final class SparkDistillJob {

    /** One row's outcome, shipped from an executor to the driver. */
    record Outcome(String source, long where, String id, SoftLabel label, int numConcepts, UnlabelledRow unlabelled)
            implements Serializable {}

    /** Teachers of this JVM by spec: loaded on first use, kept for the executor's life. */
    private static final Map<TeacherSpec, ConceptTeacher> TEACHERS = new ConcurrentHashMap<>();

    private final SparkSession spark;

    public SparkDistillJob(SparkSession spark) {
        this.spark = spark;
    }

    /** Labels every row of {@code inputs} on the cluster and writes the outputs beside {@code sidecar}. */
    public DistillReport run(TeacherSpec teacher, List<Path> inputs, Path sidecar, SoftLabelConfig config) {
        SoftLabels.check(teacher, inputs, sidecar);
        List<String> paths = inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // one partition per input, so partition order is input order
        JavaRDD<Outcome> outcomes = context.parallelize(paths, paths.size())
                .mapPartitions(files -> label(teacher, config, files))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try (SoftLabelOutputs outputs = new SoftLabelOutputs(sidecar, config.topK(), config.temperature(), null)) {
            outcomes.count(); // every partition in parallel; the ordered read below then comes from the cache
            Iterator<Outcome> ordered = outcomes.toLocalIterator();
            while (ordered.hasNext()) {
                Outcome o = ordered.next();
                if (o.label() != null) {
                    outputs.labelled(o.source(), o.where(), o.id(), o.label(), o.numConcepts());
                } else {
                    outputs.unlabelled(o.unlabelled());
                }
            }
            return outputs.commit(SoftLabels.provenance(SoftLabels.describe(teacher), inputs, config, "spark"));
        } finally {
            outcomes.unpersist(false);
        }
    }

    private static Iterator<Outcome> label(TeacherSpec spec, SoftLabelConfig config, Iterator<String> files) throws IOException {
        ConceptTeacher teacher = TEACHERS.computeIfAbsent(spec, s -> s.load(Device.cpu()));
        List<Outcome> out = new ArrayList<>();
        SoftLabelSink collect = new SoftLabelSink() {
            @Override
            public void labelled(String source, long where, String id, SoftLabel label, int numConcepts) {
                out.add(new Outcome(source, where, id, label, numConcepts, null));
            }

            @Override
            public void unlabelled(UnlabelledRow row) {
                out.add(new Outcome(row.source(), row.where(), row.id(), null, 0, row));
            }
        };
        while (files.hasNext()) {
            SoftLabels.labelInput(teacher, spec.preprocessor(), config, Path.of(files.next()), collect);
        }
        return out.iterator();
    }
}
