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
 * Writes small CSV tables that are not manifests (manifests go through
 * {@link io.dihit.core.data.Manifests#write}). The file is written to a temporary sibling and moved
 * into place, so a reader never sees half a table.
 */
public final class CsvTable {

    private CsvTable() {
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) {
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
