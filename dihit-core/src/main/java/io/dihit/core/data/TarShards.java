package io.dihit.core.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * webdataset-style tar shards: consecutive members sharing a key ({@code key.png|jpg|jpeg} and
 * {@code key.txt}) form one sample; other members of a sample (.json, .cls, ...) are ignored.
 * Incomplete samples, bad captions and a truncated end are skipped and counted, never fatal.
 * After a corrupt header (bad checksum) reading resumes at the next valid header: the sample that
 * lost a member is skipped as {@link SkipReason#CORRUPT_SHARD} (kept if it is still complete, when
 * the lost member was an extra such as .json), and {@link Reader#membersLost()} counts the lost members.
 * Every sample has an ordinal (1-based, counting kept and skipped samples alike) that is the
 * position of its skip or {@link ShardSample#ordinal()}.
 */
public final class TarShards {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg");

    private TarShards() {
    }

    /** The webdataset key of a member name: the path up to the first dot of the file name. */
    static String keyOf(String member) {
        int slash = member.lastIndexOf('/');
        int dot = member.indexOf('.', slash + 1);
        return dot < 0 ? member : member.substring(0, dot);
    }

    private static String extensionOf(String member) {
        String key = keyOf(member);
        return key.length() == member.length() ? "" : member.substring(key.length() + 1).toLowerCase(Locale.ROOT);
    }

    /** Streams the samples of a shard; with {@code loadImages} false only offsets are recorded. */
    public static Reader open(Path shard, boolean loadImages) throws IOException {
        if (!shard.getFileName().toString().endsWith(".tar")) {
            throw new IllegalArgumentException("shard file names must end in .tar: " + shard);
        }
        return new Reader(shard, loadImages, true);
    }

    /** Samples of a shard, kept or skipped (what a reader will count as read), without logging skips. */
    public static long count(Path shard) throws IOException {
        try (Reader r = new Reader(shard, false, false)) {
            r.samples().forEach(s -> { });
            return r.report().read();
        }
    }

    /** All samples of a shard (offsets and captions, no image bytes) with the accounting. */
    public static Index index(Path shard) throws IOException {
        try (Reader r = open(shard, false)) {
            List<ShardSample> samples = r.samples().toList();
            return new Index(shard, samples, r.report());
        }
    }

    /** A scanned shard. */
    public record Index(Path shard, List<ShardSample> samples, DataReport report) {
        public Index {
            samples = List.copyOf(samples);
        }

        /** Samples as records with {@code shard#member} image references. */
        public List<ImageTextRecord> records() {
            return samples.stream().map(s -> s.record(shard)).toList();
        }
    }

    /** Sequential sample reader over one shard. Not thread-safe. */
    public static final class Reader implements Closeable, Iterator<ShardSample> {
        private final TarReader tar;
        private final boolean loadImages;
        private final DataReport report;
        private final ArrayList<ShardSample> ready = new ArrayList<>();
        private Group group;
        private boolean done;
        private long ordinal;
        private TarReader.Damage pendingDamage;
        private long membersLost;
        private long bytesSkipped;

        private Reader(Path shard, boolean loadImages, boolean logSkips) throws IOException {
            this.tar = new TarReader(new BufferedInputStream(Files.newInputStream(shard), 1 << 16), shard.toString());
            this.loadImages = loadImages;
            this.report = new DataReport(shard.getFileName().toString(), logSkips);
        }

        /** Accounting of samples read so far (complete once exhausted). */
        public DataReport report() {
            return report;
        }

        /** Members lost to corrupt headers so far (each also costs its sample unless that is still complete). */
        public long membersLost() {
            return membersLost;
        }

        /** Bytes skipped while looking for the next valid header after corrupt ones. */
        public long bytesSkipped() {
            return bytesSkipped;
        }

        public Stream<ShardSample> samples() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
        }

        @Override
        public boolean hasNext() {
            try {
                while (ready.isEmpty() && !done) {
                    step();
                }
                return !ready.isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ShardSample next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.remove(0);
        }

        /** Reads one member, finishing the current group when the key changes or the shard ends. */
        private void step() throws IOException {
            TarReader.Entry e;
            try {
                e = tar.next();
            } catch (TarTruncatedException t) {
                endWithError(t.insideData(), SkipReason.TRUNCATED_SHARD, t.getMessage());
                return;
            } catch (IOException io) {
                endWithError(false, SkipReason.IO_ERROR, io.getMessage());
                return;
            }
            String key = e == null ? null : keyOf(e.name());
            TarReader.Damage d = tar.takeDamage();
            if (d != null) {
                membersLost += d.membersLost();
                bytesSkipped += d.bytes();
                attach(d, key);
            }
            if (e == null) {
                finishGroup();
                if (pendingDamage != null) { // lost members with no sample left to blame
                    report.skip(++ordinal, "", SkipReason.CORRUPT_SHARD, describe(pendingDamage));
                    pendingDamage = null;
                }
                done = true;
                return;
            }
            if (group != null && !group.key.equals(key)) {
                finishGroup();
            }
            if (group == null) {
                group = new Group(key);
                group.damage = pendingDamage;
                pendingDamage = null;
            }
            String ext = extensionOf(e.name());
            try {
                if (ext.equals("txt") && group.captionBytes == null) {
                    group.captionBytes = tar.read(e);
                } else if (IMAGE_EXTENSIONS.contains(ext) && group.imageMember == null) {
                    group.imageMember = e;
                    group.image = loadImages ? tar.read(e) : null;
                }
            } catch (TarTruncatedException t) {
                endWithError(true, SkipReason.TRUNCATED_SHARD, t.getMessage());
            }
        }

        /**
         * Blames a skipped stretch on a sample: the one being read when its next member has the
         * same key or when it is incomplete; otherwise (it is complete) the sample that starts next.
         */
        private void attach(TarReader.Damage d, String nextKey) {
            if (group != null && (group.key.equals(nextKey) || !group.complete())) {
                group.damage = d;
            } else {
                pendingDamage = d;
            }
        }

        private static String describe(TarReader.Damage d) {
            return d.detail() + "; skipped " + d.bytes() + " bytes to the next valid header, " + d.membersLost() + " member(s) lost";
        }

        /** Stops reading; the group being read is lost when the error hit its data, else finished normally. */
        private void endWithError(boolean groupLost, SkipReason reason, String detail) {
            done = true;
            if (group != null && !groupLost) {
                finishGroup();
            }
            String id = group != null ? group.key : "";
            group = null;
            report.skip(++ordinal, id, reason, detail);
        }

        private void finishGroup() {
            Group g = group;
            group = null;
            if (g == null) {
                return;
            }
            long where = ++ordinal;
            if (g.damage != null && !g.complete()) {
                report.skip(where, g.key, SkipReason.CORRUPT_SHARD, describe(g.damage));
                return;
            }
            if (g.imageMember == null) {
                report.skip(where, g.key, SkipReason.MISSING_IMAGE, "no .png/.jpg/.jpeg member");
                return;
            }
            if (g.captionBytes == null) {
                report.skip(where, g.key, SkipReason.MISSING_CAPTION, "no .txt member");
                return;
            }
            RawRecordReader.Decoded d = RawRecordReader.decodeUtf8(g.captionBytes);
            if (d.error() != null) {
                report.skip(where, g.key, SkipReason.BAD_UTF8, d.error().replace("of the row", "of the caption"));
                return;
            }
            String caption = d.text().strip();
            if (caption.isEmpty()) {
                report.skip(where, g.key, SkipReason.EMPTY_CAPTION, "empty caption");
                return;
            }
            report.kept();
            ready.add(new ShardSample(g.key, g.imageMember.name(), g.imageMember.dataOffset(), g.imageMember.size(), g.image, caption, where));
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    private static final class Group {
        final String key;
        byte[] captionBytes;
        TarReader.Entry imageMember;
        byte[] image;
        TarReader.Damage damage;

        Group(String key) {
            this.key = key;
        }

        boolean complete() {
            return imageMember != null && captionBytes != null;
        }
    }
}
