package io.dihit.examples.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV manifests in the layout the data module reads (header {@code id,image,caption}), and
 * other small CSV tables. Files are written to a temporary sibling and moved into place, so a reader
 * never sees half a manifest.
 */
public final class ManifestWriter {

    public static final List<String> MANIFEST_HEADER = List.of("id", "image", "caption");

    private ManifestWriter() {
    }

    /** One manifest row. */
    public record Row(String id, String image, String caption) {
        public Row {
            if (id == null || id.isBlank() || image == null || image.isBlank() || caption == null || caption.isBlank()) {
                throw new IllegalArgumentException("manifest row needs id, image and caption: " + id);
            }
        }
    }

    public static void writeManifest(Path file, List<Row> rows) {
        writeTable(file, MANIFEST_HEADER, rows.stream().map(r -> List.of(r.id(), r.image(), r.caption())).toList());
    }

    public static void writeTable(Path file, List<String> header, List<List<String>> rows) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get();
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(out, format)) {
                for (List<String> row : rows) {
                    if (row.size() != header.size()) {
                        throw new IllegalArgumentException("row has " + row.size() + " fields, header " + header.size() + ": " + row);
                    }
                    printer.printRecord(row);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
