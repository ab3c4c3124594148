package io.dihit.core.data;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An indexed list of image-text records plus thread-safe access to their image bytes (through an
 * {@link ImageStore}: plain files or tar-shard members read by position). Built from manifests,
 * shards or a record list; the reports of reading those inputs are kept.
 */
public final class ImageTextDataset {
    private final List<ImageTextRecord> records;
    private final List<DataReport> sourceReports;
    private final ImageStore store;

    private ImageTextDataset(List<ImageTextRecord> records, List<DataReport> sourceReports, ImageStore store) {
        this.records = List.copyOf(records);
        this.sourceReports = List.copyOf(sourceReports);
        this.store = store;
    }

    /** A dataset over given records (file paths or {@code shard.tar#member} references). */
    public static ImageTextDataset of(List<ImageTextRecord> records) {
        return new ImageTextDataset(records, List.of(), new ImageStore());
    }

    /** Reads manifests in order; bad rows are skipped and counted in {@link #sourceReports()}. */
    public static ImageTextDataset fromManifests(List<Path> manifests) throws IOException {
        return fromManifests(manifests, skip -> { });
    }

    /**
     * Reads manifests in order; every bad row is counted in {@link #sourceReports()} and, as it is
     * skipped, handed to {@code onSkip} (no cap) with its manifest's file name as {@link Skip#source()}
     * and its line as {@link Skip#where()}.
     */
    public static ImageTextDataset fromManifests(List<Path> manifests, Consumer<Skip> onSkip) throws IOException {
        List<ImageTextRecord> all = new ArrayList<>();
        List<DataReport> reports = new ArrayList<>();
        for (Path m : manifests) {
            try (ManifestReader r = Manifests.read(m)) {
                r.report().addSkipListener(onSkip); // before the first row, so no skip is missed
                r.records().forEach(all::add);
                reports.add(r.report());
            }
        }
        return new ImageTextDataset(all, reports, new ImageStore());
    }

    /** Scans shards in order (captions and image offsets; images are read later, by position). */
    public static ImageTextDataset fromShards(List<Path> shards) throws IOException {
        return fromShards(shards, skip -> { });
    }

    /**
     * Scans shards in order; every bad sample is counted in {@link #sourceReports()} and, as it is
     * skipped, handed to {@code onSkip} (no cap) with its shard's file name as {@link Skip#source()}
     * and its sample ordinal as {@link Skip#where()}.
     */
    public static ImageTextDataset fromShards(List<Path> shards, Consumer<Skip> onSkip) throws IOException {
        List<ImageTextRecord> all = new ArrayList<>();
        List<DataReport> reports = new ArrayList<>();
        ImageStore store = new ImageStore();
        for (Path s : shards) {
            Path shard = s.toAbsolutePath().normalize();
            TarShards.Index idx;
            try (TarShards.Reader r = TarShards.open(shard, false)) {
                r.report().addSkipListener(onSkip);
                idx = new TarShards.Index(shard, r.samples().toList(), r.report());
            }
            all.addAll(idx.records());
            reports.add(idx.report());
            store.register(idx);
        }
        return new ImageTextDataset(all, reports, store);
    }

    public int size() {
        return records.size();
    }

    public ImageTextRecord get(int index) {
        return records.get(index);
    }

    public List<ImageTextRecord> records() {
        return records;
    }

    /** Accounting of the manifests / shards this dataset was read from (empty for {@link #of}). */
    public List<DataReport> sourceReports() {
        return sourceReports;
    }

    /**
     * The encoded image bytes of record {@code index}. Thread-safe. A missing file or shard member
     * is a {@link NoSuchFileException}.
     */
    public byte[] readImage(int index) throws IOException {
        return store.read(records.get(index).image());
    }
}
