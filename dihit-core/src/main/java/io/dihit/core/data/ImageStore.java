package io.dihit.core.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the encoded bytes behind any image reference: a file path, or a tar member
 * {@code shard.tar#member} read by position. Each shard is scanned once (on first use, or
 * up front via {@link #register}) and its member offsets cached. Thread-safe. A missing file,
 * shard or member is a {@link NoSuchFileException}.
 */
public final class ImageStore {
    private record Location(long offset, long size) {
    }

    private final Map<Path, Map<String, Location>> shards = new ConcurrentHashMap<>();

    /** Records the member offsets of an already scanned shard, so it is not scanned again. */
    void register(TarShards.Index index) {
        Map<String, Location> m = new HashMap<>();
        for (ShardSample s : index.samples()) {
            m.put(s.imageMember(), new Location(s.imageOffset(), s.imageSize()));
        }
        shards.put(index.shard().toAbsolutePath().normalize(), Map.copyOf(m));
    }

    /** The bytes of the image a record's {@code image} field names. */
    public byte[] read(String ref) throws IOException {
        Optional<ImageRefs.TarMember> tm = ImageRefs.tarMember(ref);
        if (tm.isEmpty()) {
            return Files.readAllBytes(Path.of(ref));
        }
        Path shard = tm.get().shard().toAbsolutePath().normalize();
        Location loc = membersOf(shard).get(tm.get().member());
        if (loc == null) {
            throw new NoSuchFileException(ref, null, "no complete sample with this image member in the shard");
        }
        return readAt(shard, loc);
    }

    private Map<String, Location> membersOf(Path shard) throws IOException {
        Map<String, Location> m = shards.get(shard);
        if (m != null) {
            return m;
        }
        if (!Files.exists(shard)) {
            throw new NoSuchFileException(shard.toString());
        }
        synchronized (this) { // scan each shard once, however many threads ask
            m = shards.get(shard);
            if (m == null) {
                register(TarShards.index(shard));
                m = shards.get(shard);
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
