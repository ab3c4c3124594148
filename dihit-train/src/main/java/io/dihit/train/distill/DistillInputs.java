package io.dihit.train.distill;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.ImageStore;
import io.dihit.core.data.ManifestFormat;
import io.dihit.core.data.ManifestReader;
import io.dihit.core.data.ManifestRow;
import io.dihit.core.data.Manifests;
import io.dihit.core.data.ShardSample;
import io.dihit.core.data.Skip;
import io.dihit.core.data.TarShards;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Streams the rows of precompute inputs, manifests (CSV / JSON lines) or tar shards, through
 * dihit-core's readers: rows go to a {@link RowLabeller}, and every row a reader skips goes there
 * too, as an {@link UnlabelledRow} (via {@link DataReport#addSkipListener}), so nothing is lost.
 */
final class DistillInputs {

    /** A row waiting for its label: where it came from and how to get its encoded image. */
    record PendingRow(String source, long where, String id, String imageRef, byte[] imageBytes) {}

    private DistillInputs() {}

    /** Clear errors for absent or unsupported inputs, before any model loads. */
    public static void check(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input manifests or shards given");
        }
        for (Path p : inputs) {
            if (!Files.isRegularFile(p)) {
                throw new UserError("input not found: " + p);
            }
            if (!isShard(p)) {
                ManifestFormat.of(p); // a clear error for any other extension
            }
        }
    }

    static boolean isShard(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar");
    }

    /** Reads one input to its end, handing every row (kept or skipped) to {@code labeller}. */
    static void read(Path input, RowLabeller labeller) throws IOException {
        String source = input.toAbsolutePath().normalize().toString();
        if (isShard(input)) {
            try (TarShards.Reader reader = TarShards.open(input, true)) {
                listen(reader.report(), source, labeller);
                long where = 0;
                while (reader.hasNext()) {
                    ShardSample s = reader.next();
                    labeller.add(new PendingRow(source, ++where, s.key(), source + "#" + s.imageMember(), s.image()));
                }
            }
        } else {
            try (ManifestReader reader = Manifests.read(input)) {
                listen(reader.report(), source, labeller);
                while (reader.hasNext()) {
                    ManifestRow row = reader.next();
                    labeller.add(new PendingRow(source, row.line(), row.record().id(), row.record().image(), null));
                }
            }
        }
        labeller.flush();
    }

    private static void listen(DataReport report, String source, RowLabeller labeller) {
        report.addSkipListener((Skip s) -> labeller.unlabelled(new UnlabelledRow(UnlabelledRow.Status.SKIPPED, source,
                s.where(), s.id(), s.reason().name().toLowerCase(Locale.ROOT), s.detail())));
    }

    /** The encoded image of a pending row (read from its file or shard member when not already in memory). */
    static byte[] image(PendingRow row, ImageStore store) throws IOException {
        return row.imageBytes() != null ? row.imageBytes() : store.read(row.imageRef());
    }
}
