package io.dihit.core.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An indexed list of image-text records plus thread-safe access to their image bytes, from plain
 * files or from members of tar shards ({@code shard.tar#member}, read by position). Built from
 * manifests, shards or a record list; the reports of reading those inputs are kept.
 */
public final class ImageTextDataset {
    /** Where a tar member's bytes are. */
    private record Location(long offset, long size) {
    }

    private final List<ImageTextRecord> records;
    private final List<DataReport> sourceReports;
    private final Map<Path, Map<String, Location>> shardMembers = new ConcurrentHashMap<>();

    private ImageTextDataset(List<ImageTextRecord> records, List<DataReport> sourceReports) {
        this.records = List.copyOf(records);
        this.sourceReports = List.copyOf(sourceReports);
    }

    /** A dataset over given records (file paths or {@code shard.tar#member} references). */
    public static ImageTextDataset of(List<ImageTextRecord> records) {
        return new ImageTextDataset(records, List.of());
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
        return new ImageTextDataset(all, reports);
    }

    /** Scans shards in order (captions and image offsets; images are read later, by position). */
    public static ImageTextDataset fromShards(List<Path> shards) throws IOException {
        List<ImageTextRecord> all = new ArrayList<>();
        List<DataReport> reports = new ArrayList<>();
        Map<Path, Map<String, Location>> members = new HashMap<>();
        for (Path s : shards) {
            Path abs = s.toAbsolutePath().normalize();
            TarShards.Index idx = TarShards.index(abs);
            all.addAll(idx.records());
            reports.add(idx.report());
            members.put(abs, locations(idx));
        }
        ImageTextDataset d = new ImageTextDataset(all, reports);
        d.shardMembers.putAll(members);
        return d;
    }

    private static Map<String, Location> locations(TarShards.Index idx) {
        Map<String, Location> m = new HashMap<>();
        for (ShardSample s : idx.samples()) {
            m.put(s.imageMember(), new Location(s.imageOffset(), s.imageSize()));
        }
        return m;
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
        String ref = records.get(index).image();
        Optional<ImageRefs.TarMember> tm = ImageRefs.tarMember(ref);
        if (tm.isEmpty()) {
            return Files.readAllBytes(Path.of(ref));
        }
        Path shard = tm.get().shard().toAbsolutePath().normalize();
        Location loc = membersOf(shard).get(tm.get().member());
        if (loc == null) {
            throw new NoSuchFileException(ref, null, "no complete sample with this member in the shard");
        }
        return readAt(shard, loc);
    }

    private Map<String, Location> membersOf(Path shard) throws IOException {
        Map<String, Location> m = shardMembers.get(shard);
        if (m != null) {
            return m;
        }
        if (!Files.exists(shard)) {
            throw new NoSuchFileException(shard.toString());
        }
        synchronized (this) { // scan each shard once, however many threads ask
            m = shardMembers.get(shard);
            if (m == null) {
                m = locations(TarShards.index(shard));
                shardMembers.put(shard, m);
            }
            return m;
        }
    }

    private static byte[] readAt(Path shard, Location loc) throws IOException {
        if (loc.size() > Integer.MAX_VALUE - 8) {
            throw new IOException(shard + ": member too large (" + loc.size() + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) loc.size());
        try (FileChannel ch = FileChannel.open(shard, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (ch.read(buf, loc.offset() + buf.position()) < 0) {
                    throw new EOFException(shard + " ended while reading a member at byte " + loc.offset());
                }
            }
        }
        return buf.array();
    }
}
