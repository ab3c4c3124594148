package io.dihit.train.distill;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a soft-label sidecar file ({@link SoftLabelFormat}). Labels stream to a temporary file as
 * they arrive; only the id index is kept in memory. {@link #commit()} assembles the final file next
 * to the target and renames it into place, so a crash never leaves a half-written sidecar.
 */
public final class SoftLabelWriter implements AutoCloseable {

    private record Entry(long hash, byte[] id, int ordinal) {}

    private final Path target;
    private final int numConcepts;
    private final int topK;
    private final float temperature;
    private final Path labelsTemp;
    private final OutputStream labels;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final ByteBuffer record;
    private boolean finished;

    public SoftLabelWriter(Path target, int numConcepts, int topK, float temperature) {
        if (numConcepts < 1 || topK < 1) {
            throw new IllegalArgumentException("numConcepts and topK must be >= 1, got " + numConcepts + ", " + topK);
        }
        this.target = target.toAbsolutePath();
        this.numConcepts = numConcepts;
        this.topK = Math.min(topK, numConcepts);
        this.temperature = temperature;
        this.record = ByteBuffer.allocate((int) SoftLabelFormat.labelBytes(this.topK)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            Files.createDirectories(this.target.getParent());
            this.labelsTemp = Files.createTempFile(this.target.getParent(), this.target.getFileName() + ".", ".labels.tmp");
            this.labels = new BufferedOutputStream(Files.newOutputStream(labelsTemp), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create soft-label file next to " + target, e);
        }
    }

    public int topK() {
        return topK;
    }

    public int numConcepts() {
        return numConcepts;
    }

    /** Whether a label for this id was already added. */
    public boolean contains(String id) {
        return seen.contains(id);
    }

    public void add(String id, SoftLabel label) {
        if (finished) {
            throw new IllegalStateException("soft-label writer already committed or closed");
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("sample id must be non-empty");
        }
        if (!seen.add(id)) {
            throw new IllegalArgumentException("duplicate sample id in soft labels: " + id);
        }
        if (label.concepts().length > topK) {
            throw new IllegalArgumentException("soft label for " + id + " has " + label.concepts().length
                    + " concepts, file keeps " + topK);
        }
        record.clear();
        for (int i = 0; i < topK; i++) {
            int concept = i < label.concepts().length ? label.concepts()[i] : -1;
            if (i < label.concepts().length && (concept < 0 || concept >= numConcepts)) {
                throw new IllegalArgumentException("concept " + concept + " of " + id + " is outside [0, " + numConcepts + ")");
            }
            record.putInt(concept);
        }
        for (int i = 0; i < topK; i++) {
            record.putFloat(i < label.probabilities().length ? label.probabilities()[i] : 0f);
        }
        try {
            labels.write(record.array(), 0, record.position());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write soft labels to " + labelsTemp, e);
        }
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        entries.add(new Entry(SoftLabelFormat.hash(utf8), utf8, entries.size()));
    }

    /** Assembles the sidecar and atomically moves it to the target path; returns the number of samples. */
    public long commit() {
        if (finished) {
            throw new IllegalStateException("soft-label writer already committed or closed");
        }
        finished = true;
        Path assembled = null;
        try {
            labels.close();
            entries.sort(Comparator.comparingLong(Entry::hash).thenComparingInt(Entry::ordinal));
            long count = entries.size();
            long indexOffset = SoftLabelFormat.HEADER_BYTES;
            long labelsOffset = indexOffset + count * SoftLabelFormat.INDEX_ENTRY_BYTES;
            long idsOffset = SoftLabelFormat.align8(labelsOffset + count * SoftLabelFormat.labelBytes(topK));
            assembled = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(assembled), 1 << 16)) {
                ByteBuffer header = ByteBuffer.allocate(SoftLabelFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.put(SoftLabelFormat.MAGIC).putInt(SoftLabelFormat.VERSION).putInt(numConcepts).putInt(topK)
                        .putFloat(temperature).putLong(count).putLong(indexOffset).putLong(labelsOffset).putLong(idsOffset);
                out.write(header.array());
                ByteBuffer entry = ByteBuffer.allocate(SoftLabelFormat.INDEX_ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                long idCursor = 0;
                long[] idOffsets = new long[entries.size()];
                for (int i = 0; i < entries.size(); i++) {
                    idOffsets[i] = idCursor;
                    idCursor += entries.get(i).id().length;
                }
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get(i);
                    entry.clear();
                    entry.putLong(e.hash()).putLong(idOffsets[i]).putInt(e.id().length).putInt(e.ordinal());
                    out.write(entry.array());
                }
                Files.copy(labelsTemp, out);
                long written = labelsOffset + count * SoftLabelFormat.labelBytes(topK);
                out.write(new byte[(int) (idsOffset - written)]);
                for (Entry e : entries) {
                    out.write(e.id());
                }
            }
            Files.move(assembled, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write soft-label file " + target, e);
        } finally {
            deleteQuietly(labelsTemp);
            if (assembled != null) {
                deleteQuietly(assembled);
            }
        }
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            try {
                labels.close();
            } catch (IOException e) {
                // the temporary file is deleted next; nothing was published
            }
            deleteQuietly(labelsTemp);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover *.tmp file is harmless and recognisable
        }
    }
}
