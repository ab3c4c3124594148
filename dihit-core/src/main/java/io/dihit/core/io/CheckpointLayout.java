package io.dihit.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The files of a training run, shared by the trainer that writes them and every reader:
 *
 * <pre>
 * run_dir/
 *   model.safetensors              final weights (config and provenance in the metadata)
 *   checkpoints/step-000000200/    a training checkpoint (written as step-000000200.tmp/, then renamed)
 *     model.safetensors            the model's weights, the same format as the final model
 *     optimizer.safetensors        AdamW moments, trained parameters outside the model, the update count
 *     state.json                   the run's position: step, data position, skip counters, seed
 * </pre>
 */
public final class CheckpointLayout {
    public static final String MODEL_FILE = "model.safetensors";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    public static final String STATE_FILE = "state.json";
    public static final String CHECKPOINTS_DIR = "checkpoints";
    /** Suffix of a checkpoint directory still being written (or abandoned by a killed writer). */
    public static final String UNFINISHED_SUFFIX = ".tmp";

    private static final Pattern STEP = Pattern.compile("step-(\\d+)");
    private static final Pattern LEGACY = Pattern.compile("step-(\\d+)\\.ckpt");
    private static final Pattern STEP_PREFIX = Pattern.compile("step-(\\d+).*");

    private CheckpointLayout() {
    }

    public static Path checkpointsDirectory(Path runDir) {
        return runDir.resolve(CHECKPOINTS_DIR);
    }

    /** {@code <run_dir>/checkpoints/step-<N>}, N zero-padded to 9 digits so names sort by step. */
    public static Path stepDirectory(Path runDir, long step) {
        return checkpointsDirectory(runDir).resolve(String.format("step-%09d", step));
    }

    /** The directory a checkpoint is written into before it is renamed to {@code stepDirectory}. */
    public static Path unfinished(Path stepDirectory) {
        return stepDirectory.resolveSibling(stepDirectory.getFileName() + UNFINISHED_SUFFIX);
    }

    /** The step of a checkpoint directory named {@code step-<N>}, empty for any other name. */
    public static OptionalLong stepOf(Path checkpoint) {
        Matcher m = STEP.matcher(checkpoint.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The run's completed checkpoint directories, oldest step first. */
    public static List<Path> checkpoints(Path runDir) {
        return list(checkpointsDirectory(runDir), p -> Files.isDirectory(p) && stepOf(p).isPresent());
    }

    public static Optional<Path> latest(Path runDir) {
        List<Path> all = checkpoints(runDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Checkpoint files of the earlier format ({@code step-<N>.ckpt}), which nothing reads any more. */
    public static List<Path> legacyCheckpoints(Path runDir) {
        return list(checkpointsDirectory(runDir), p -> LEGACY.matcher(p.getFileName().toString()).matches());
    }

    /** What to tell a user who points a reader (or a resumed run) at checkpoints of the earlier format. */
    public static String legacyFormatMessage(Path where) {
        return where + " holds training checkpoints in dihit's earlier format (checkpoints/step-<N>.ckpt, DJL's own"
                + " array encoding), which this version neither resumes nor loads: checkpoints are now directories"
                + " checkpoints/step-<N>/ holding model.safetensors, optimizer.safetensors and state.json. To continue,"
                + " finish that run with the dihit version that started it (its final model.safetensors loads here, e.g."
                + " as model.init_checkpoint of a new run), or start it again in a new run_dir";
    }

    /** True for a zip of the earlier training-checkpoint format (entries state.json and optimizer_steps). */
    static boolean isLegacyCheckpointFile(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(STATE_FILE) != null && zip.getEntry("optimizer_steps") != null;
        } catch (IOException e) {
            return false; // not a readable zip: the torch.save reader reports what is wrong with it
        }
    }

    private static List<Path> list(Path dir, Predicate<Path> keep) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(keep)
                    .sorted(Comparator.comparingLong((Path p) -> stepNumber(p)).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static long stepNumber(Path p) {
        Matcher m = STEP_PREFIX.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
