package io.dihit.eval.data;

import io.dihit.core.data.ImageRefs;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.Skip;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Opens manifests and tar shards as core datasets, and fingerprints them for the embedding cache. */
final class CoreDatasets {
    private CoreDatasets() {}

    /**
     * A manifest ({@code .csv} / {@code .jsonl}), a tar shard ({@code .tar}) or a folder of tar shards (name order);
     * every row or sample the reader skips goes to {@code onSkip} (source = its file name, position = its line or
     * sample ordinal).
     */
    static ImageTextDataset open(Path path, Consumer<Skip> onSkip) throws IOException {
        ImageTextDataset dataset;
        if (Files.isDirectory(path)) {
            List<Path> shards = shardsIn(path);
            if (shards.isEmpty()) {
                throw new UserError("dataset " + path + " is a folder without .tar shards");
            }
            dataset = ImageTextDataset.fromShards(shards, onSkip);
        } else if (!Files.isRegularFile(path)) {
            throw new UserError("dataset " + path + ": not found");
        } else if (path.getFileName().toString().endsWith(".tar")) {
            dataset = ImageTextDataset.fromShards(List.of(path), onSkip);
        } else {
            dataset = ImageTextDataset.fromManifests(List.of(path), onSkip); // the manifest reader names the formats it knows
        }
        if (dataset.size() == 0) {
            throw new UserError("dataset " + path + " has no usable rows (" + dataset.sourceReports() + ")");
        }
        return dataset;
    }

    /** The {@code .tar} files directly in {@code dir}, sorted. */
    static List<Path> shardsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /**
     * Changes with the records (id, image reference, caption, in order) and the size and modification time of
     * every image file or shard they read; a missing file counts as size -1 (it becomes a skip when read).
     */
    static String fingerprint(ImageTextDataset dataset, String kind) {
        Fingerprints fp = new Fingerprints().add(kind);
        Set<Path> files = new LinkedHashSet<>();
        for (ImageTextRecord r : dataset.records()) {
            fp.add(r.id()).add(r.image()).add(r.caption());
            files.add(ImageRefs.tarMember(r.image()).map(ImageRefs.TarMember::shard).orElse(Path.of(r.image())));
        }
        for (Path file : files) {
            try {
                fp.add(Files.size(file)).add(Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                fp.add(-1);
            }
        }
        return fp.hex();
    }
}
