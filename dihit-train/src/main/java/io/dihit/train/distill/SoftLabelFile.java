package io.dihit.train.distill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import io.dihit.core.io.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Read side of the soft-label sidecar ({@link SoftLabelFormat}): memory-mapped in 1 GiB chunks so
 * files beyond 2 GiB work, looked up by binary search on the id hash. Thread-safe (absolute reads only).
 */
public final class SoftLabelFile implements AutoCloseable {

    private static final int CHUNK_BITS = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;

    private final Path path;
    private final MappedByteBuffer[] chunks;
    private final int numConcepts;
    private final int topK;
    private final float temperature;
    private final long count;
    private final long indexOffset;
    private final long labelsOffset;
    private final long idsOffset;

    private SoftLabelFile(Path path, MappedByteBuffer[] chunks, long fileSize) {
        this.path = path;
        this.chunks = chunks;
        byte[] magic = new byte[SoftLabelFormat.MAGIC.length];
        for (int i = 0; i < magic.length; i++) {
            magic[i] = chunks[0].get(i);
        }
        if (fileSize < SoftLabelFormat.HEADER_BYTES || !Arrays.equals(magic, SoftLabelFormat.MAGIC)) {
            throw new IllegalArgumentException(path + " is not a dihit soft-label file");
        }
        int version = getInt(8);
        if (version != SoftLabelFormat.VERSION) {
            throw new IllegalArgumentException(path + ": unsupported soft-label version " + version);
        }
        numConcepts = getInt(12);
        topK = getInt(16);
        temperature = Float.intBitsToFloat(getInt(20));
        count = getLong(24);
        indexOffset = getLong(32);
        labelsOffset = getLong(40);
        idsOffset = getLong(48);
        long minimumSize = idsOffset;
        if (numConcepts < 1 || topK < 1 || count < 0 || indexOffset != SoftLabelFormat.HEADER_BYTES
                || labelsOffset != indexOffset + count * SoftLabelFormat.INDEX_ENTRY_BYTES
                || idsOffset < labelsOffset + count * SoftLabelFormat.labelBytes(topK) || minimumSize > fileSize) {
            throw new IllegalArgumentException(path + ": corrupt or truncated soft-label file");
        }
    }

    public static SoftLabelFile open(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            int chunkCount = (int) Math.max(1, (size + CHUNK_MASK) >>> CHUNK_BITS);
            MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
            for (int i = 0; i < chunkCount; i++) {
                long start = (long) i << CHUNK_BITS;
                long length = Math.min(1L << CHUNK_BITS, size - start);
                chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, length));
                chunks[i].order(ByteOrder.LITTLE_ENDIAN);
            }
            return new SoftLabelFile(path, chunks, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open soft-label file " + path, e);
        }
    }

    public int numConcepts() {
        return numConcepts;
    }

    public int topK() {
        return topK;
    }

    /** The teacher temperature the probabilities were computed with. */
    public float temperature() {
        return temperature;
    }

    public long size() {
        return count;
    }

    /**
     * Where the labels came from: the provenance in the summary beside the sidecar
     * ({@link SoftLabels#summaryFile}), empty when there is none (files written by {@link SoftLabelPrecompute}).
     */
    public Optional<Provenance> provenance() {
        Path summary = SoftLabels.summaryFile(path);
        if (!Files.isRegularFile(summary)) {
            return Optional.empty();
        }
        try {
            return Provenance.read(summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary, e);
        }
    }

    public Optional<SoftLabel> find(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        long hash = SoftLabelFormat.hash(utf8);
        long lo = 0;
        long hi = count - 1;
        while (lo <= hi) { // first entry with this hash
            long mid = (lo + hi) >>> 1;
            if (entryHash(mid) < hash) { // the writer sorts hashes as signed longs
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (long i = lo; i < count && entryHash(i) == hash; i++) {
            long entry = indexOffset + i * SoftLabelFormat.INDEX_ENTRY_BYTES;
            if (idEquals(getLong(entry + 8), getInt(entry + 16), utf8)) {
                return Optional.of(label(getInt(entry + 20)));
            }
        }
        return Optional.empty();
    }

    /**
     * Dense (N, numConcepts) targets for a batch, row-major, with a row mask (1 = labelled).
     *
     * @throws MissingSoftLabelException when an id is absent and the policy is FAIL
     */
    public SoftTargets denseTargets(List<String> ids, DistillationConfig.MissingLabelPolicy policy) {
        float[] probabilities = new float[ids.size() * numConcepts];
        float[] mask = new float[ids.size()];
        int missing = 0;
        for (int row = 0; row < ids.size(); row++) {
            Optional<SoftLabel> label = find(ids.get(row));
            if (label.isEmpty()) {
                if (policy == DistillationConfig.MissingLabelPolicy.FAIL) {
                    throw new MissingSoftLabelException(ids.get(row), path);
                }
                missing++;
                continue;
            }
            mask[row] = 1f;
            SoftLabel l = label.get();
            for (int j = 0; j < l.concepts().length; j++) {
                probabilities[row * numConcepts + l.concepts()[j]] = l.probabilities()[j];
            }
        }
        return new SoftTargets(probabilities, mask, numConcepts, missing);
    }

    private SoftLabel label(int ordinal) {
        long at = labelsOffset + ordinal * SoftLabelFormat.labelBytes(topK);
        int kept = 0;
        int[] concepts = new int[topK];
        float[] probs = new float[topK];
        for (int j = 0; j < topK; j++) {
            int concept = getInt(at + 4L * j);
            if (concept < 0) {
                break;
            }
            concepts[j] = concept;
            probs[j] = Float.intBitsToFloat(getInt(at + 4L * (topK + j)));
            kept++;
        }
        return new SoftLabel(Arrays.copyOf(concepts, kept), Arrays.copyOf(probs, kept));
    }

    private long entryHash(long i) {
        return getLong(indexOffset + i * SoftLabelFormat.INDEX_ENTRY_BYTES);
    }

    private boolean idEquals(long offset, int length, byte[] utf8) {
        if (length != utf8.length) {
            return false;
        }
        long base = idsOffset + offset;
        for (int i = 0; i < length; i++) {
            long at = base + i;
            if (chunks[(int) (at >>> CHUNK_BITS)].get((int) (at & CHUNK_MASK)) != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    private int getInt(long at) {
        return chunks[(int) (at >>> CHUNK_BITS)].getInt((int) (at & CHUNK_MASK));
    }

    private long getLong(long at) {
        return chunks[(int) (at >>> CHUNK_BITS)].getLong((int) (at & CHUNK_MASK));
    }

    @Override
    public void close() {
        // Mapped buffers are released by the garbage collector; nothing else is held open.
    }
}
