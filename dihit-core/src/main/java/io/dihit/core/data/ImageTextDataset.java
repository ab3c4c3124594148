package io.dihit.core.data;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<ImageTextRecord> all = new ArrayList<>();
        List<DataReport> reports = new ArrayList<>();
        for (Path m : manifests) {
            Manifests.Loaded l = Manifests.readAll(m);
            all.addAll(l.records());
            reports.add(l.report());
        }
        return new ImageTextDataset(all, reports, new ImageStore());
    }

    /** Scans shards in order (captions and image offsets; images are read later, by position). */
    public static ImageTextDataset fromShards(List<Path> shards) throws IOException {
        List<ImageTextRecord> all = new ArrayList<>();
        List<DataReport> reports = new ArrayList<>();
        ImageStore store = new ImageStore();
        for (Path s : shards) {
            TarShards.Index idx = TarShards.index(s.toAbsolutePath().normalize());
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
