package io.dihit.train.distill;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.io.Provenance;
import io.dihit.core.util.ProgressBar;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Teacher soft labels for manifests and tar shards: every row is read through dihit-core's readers,
 * its image preprocessed the teacher's way, and ends labelled in the sidecar or listed, with a reason,
 * in {@code <sidecar>.failures.jsonl}; {@code <sidecar>.json} holds the provenance and the counts.
 * <pre>{@code
 * DistillReport report = SoftLabels.precompute(TeacherSpec.of(Path.of("teacher.pt"), 224),
 *         List.of(Path.of("train.csv")), Path.of("labels.soft"), SoftLabelConfig.defaults().withTopK(10));
 * }</pre>
 * Outputs are atomic: they appear only when the run completes (an interrupted run is run again).
 */
public final class SoftLabels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SoftLabels() {}

    /** The failures file beside a sidecar: one JSON line per skipped or failed row. */
    public static Path failuresFile(Path sidecar) {
        return sidecar.resolveSibling(sidecar.getFileName() + ".failures.jsonl");
    }

    /** The summary beside a sidecar: provenance (top-level {@code "provenance"}) and counts. */
    public static Path summaryFile(Path sidecar) {
        return sidecar.resolveSibling(sidecar.getFileName() + ".json");
    }

    /** Clear errors for inputs, output and teacher file, before any model loads. */
    public static void check(TeacherSpec teacher, List<Path> inputs, Path sidecar) {
        DistillInputs.check(inputs);
        checkOutput(sidecar);
        teacher.requireReadable();
    }

    /** Clear errors for a sidecar path that cannot be written, before any model loads. */
    static void checkOutput(Path sidecar) {
        Path absolute = sidecar.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UserError("output " + sidecar + " is a folder; give a file name such as labels.soft");
        }
        Path parent = absolute.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UserError("cannot create output " + sidecar + ": " + parent + " is not a writable folder");
        }
    }

    /** Loads the teacher on the CPU, labels every row of {@code inputs} and closes the teacher. */
    public static DistillReport precompute(TeacherSpec teacher, List<Path> inputs, Path sidecar, SoftLabelConfig config) {
        return precompute(teacher, inputs, sidecar, config, null);
    }

    /** As {@link #precompute(TeacherSpec, List, Path, SoftLabelConfig)}, advancing {@code progress} per row (or null). */
    public static DistillReport precompute(TeacherSpec teacher, List<Path> inputs, Path sidecar, SoftLabelConfig config,
                                           ProgressBar progress) {
        check(teacher, inputs, sidecar);
        try (ConceptTeacher loaded = teacher.load(Device.cpu())) {
            return precompute(loaded, teacher.preprocessor(), inputs, sidecar, config, progress, describe(teacher));
        }
    }

    /**
     * Labels every row of {@code inputs} with an already loaded teacher (for example a {@link BlockTeacher}
     * in this JVM) whose images are preprocessed by {@code preprocessor}.
     */
    public static DistillReport precompute(ConceptTeacher teacher, ImagePreprocessor preprocessor, List<Path> inputs,
                                           Path sidecar, SoftLabelConfig config) {
        DistillInputs.check(inputs);
        checkOutput(sidecar);
        ObjectNode description = JSON.createObjectNode().put("java_class", teacher.getClass().getName());
        description.set("preprocessor", JSON.valueToTree(preprocessor));
        return precompute(teacher, preprocessor, inputs, sidecar, config, null, description);
    }

    private static DistillReport precompute(ConceptTeacher teacher, ImagePreprocessor preprocessor, List<Path> inputs,
                                            Path sidecar, SoftLabelConfig config, ProgressBar progress, ObjectNode teacherDescription) {
        try (SoftLabelOutputs outputs = new SoftLabelOutputs(sidecar, config.topK(), config.temperature(), progress)) {
            for (Path input : inputs) {
                labelInput(teacher, preprocessor, config, input, outputs);
            }
            return outputs.commit(provenance(teacherDescription, inputs, config, "local"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the inputs of " + sidecar, e);
        }
    }

    /**
     * The per-row work on one input, shared by the local and the Spark job: every row of {@code input}
     * (manifest or shard) ends in {@code sink}, labelled or unlabelled, in input order.
     */
    public static void labelInput(ConceptTeacher teacher, ImagePreprocessor preprocessor, SoftLabelConfig config, Path input,
                                  SoftLabelSink sink) throws IOException {
        try (RowLabeller labeller = new RowLabeller(teacher, preprocessor, config, sink)) {
            DistillInputs.read(input, labeller);
        }
    }

    /** The teacher part of a run's recorded config. */
    public static ObjectNode describe(TeacherSpec teacher) {
        return JSON.valueToTree(teacher);
    }

    /** The provenance of a run: teacher, inputs, config and runner ("local" or "spark"), with the inputs' fingerprint. */
    public static Provenance provenance(ObjectNode teacher, List<Path> inputs, SoftLabelConfig config, String runner) {
        ObjectNode recorded = JSON.createObjectNode();
        recorded.set("teacher", teacher);
        List<String> names = new ArrayList<>();
        inputs.forEach(p -> names.add(p.toString()));
        recorded.set("inputs", JSON.valueToTree(names));
        recorded.set("distill", JSON.valueToTree(config));
        recorded.put("runner", runner);
        return Provenance.capture(recorded, Provenance.fingerprint(inputs), null);
    }
}
