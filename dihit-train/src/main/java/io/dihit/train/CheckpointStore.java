package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.train.optim.AdamW;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training checkpoints in {@code <run>/checkpoints/step-<N>.ckpt}: a zip of state.json, every
 * parameter ({@code param/<name>}) and the AdamW moments ({@code adam_m/<name>}, {@code adam_v/<name>}),
 * arrays in DJL's own encoding (shape, dtype, raw values: restored bit for bit). A checkpoint is
 * written to a temporary file, forced to disk and renamed into place, so a kill at any moment
 * leaves the previous checkpoint intact; unfinished temporary files are ignored and removed.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("step-(\\d{9})\\.ckpt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int keep;

    public CheckpointStore(Path runDir, int keep) {
        this.dir = runDir.resolve("checkpoints");
        this.keep = keep;
    }

    public Path directory() {
        return dir;
    }

    public Path save(TrainingState state, Map<String, Parameter> parameters, AdamW optimizer) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(String.format("step-%09d.ckpt", state.step()));
            Path temp = dir.resolve(target.getFileName() + ".tmp");
            try (OutputStream file = Files.newOutputStream(temp);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                zip.setLevel(0); // float noise does not compress; speed matters more
                put(zip, "state.json", JSON.writeValueAsBytes(state));
                put(zip, "optimizer_steps", Long.toString(optimizer.steps()).getBytes());
                for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                    put(zip, "param/" + e.getKey(), e.getValue().getArray().encode());
                }
                for (Map.Entry<String, NDArray> e : optimizer.firstMoments().entrySet()) {
                    put(zip, "adam_m/" + e.getKey(), e.getValue().encode());
                    put(zip, "adam_v/" + e.getKey(), optimizer.secondMoments().get(e.getKey()).encode());
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint for step " + state.step() + " in " + dir, e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** Completed checkpoints, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    public Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Removes temporary files a killed writer left behind. */
    public void removeUnfinished() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ckpt.tmp")).toList()) {
                LOG.warn("removing unfinished checkpoint {}", p);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    /**
     * Restores parameters (strictly: the same names and shapes) and optimizer state from a checkpoint.
     */
    public static TrainingState load(Path checkpoint, Map<String, Parameter> parameters, AdamW optimizer,
                                     NDManager manager) {
        try (ZipFile zip = new ZipFile(checkpoint.toFile()); NDManager scratch = manager.newSubManager()) {
            TrainingState state = JSON.readValue(read(zip, checkpoint, "state.json"), TrainingState.class);
            long optimizerSteps = Long.parseLong(new String(read(zip, checkpoint, "optimizer_steps")).trim());
            Set<String> stored = new HashSet<>();
            Map<String, NDArray> first = new LinkedHashMap<>();
            Map<String, NDArray> second = new LinkedHashMap<>();
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.startsWith("param/")) {
                    stored.add(name.substring(6));
                } else if (name.startsWith("adam_m/")) {
                    String p = name.substring(7);
                    first.put(p, NDArray.decode(scratch, read(zip, checkpoint, name)));
                    second.put(p, NDArray.decode(scratch, read(zip, checkpoint, "adam_v/" + p)));
                }
            }
            if (!stored.equals(parameters.keySet())) {
                Set<String> missing = new HashSet<>(parameters.keySet());
                missing.removeAll(stored);
                Set<String> extra = new HashSet<>(stored);
                extra.removeAll(parameters.keySet());
                throw new IllegalArgumentException("checkpoint " + checkpoint + " does not match the model: missing "
                        + missing + ", unexpected " + extra);
            }
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray value = NDArray.decode(scratch, read(zip, checkpoint, "param/" + e.getKey()));
                NDArray target = e.getValue().getArray();
                if (!value.getShape().equals(target.getShape()) || value.getDataType() != target.getDataType()) {
                    throw new IllegalArgumentException("checkpoint " + checkpoint + ": " + e.getKey() + " is "
                            + value.getShape() + " " + value.getDataType() + ", model has " + target.getShape()
                            + " " + target.getDataType());
                }
                target.set(value.toDevice(target.getDevice(), false).toByteBuffer());
            }
            Map<String, NDArray> onDevice1 = new LinkedHashMap<>();
            Map<String, NDArray> onDevice2 = new LinkedHashMap<>();
            for (String p : first.keySet()) {
                ai.djl.Device device = parameters.get(p).getArray().getDevice();
                onDevice1.put(p, first.get(p).toDevice(device, false));
                onDevice2.put(p, second.get(p).toDevice(device, false));
            }
            optimizer.restore(optimizerSteps, onDevice1, onDevice2);
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
        }
    }

    private static byte[] read(ZipFile zip, Path checkpoint, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " has no entry " + name);
        }
        try (var in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(list());
        while (all.size() > keep) {
            Files.deleteIfExists(all.remove(0));
        }
    }

    static long stepOf(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint file name: " + checkpoint);
        }
        return Long.parseLong(m.group(1));
    }
}
