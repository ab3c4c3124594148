package io.dihit.core.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a manifest (format by extension) that {@link ManifestReader} reads back: id, image, caption
 * and any declared extra columns (e.g. the filter's scores). Absolute image paths are written
 * relative to the manifest's folder. Values of extra columns may be any Jackson-serialisable
 * object in JSON lines (numbers stay numbers) and are written with {@code String.valueOf} in CSV;
 * a missing extra value is an empty CSV field / an absent JSON key. Not thread-safe.
 */
public final class ManifestWriter implements Closeable, Flushable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final Path baseDir;
    private final ManifestFormat format;
    private final List<String> extra;
    private final BufferedWriter out;
    private final CSVPrinter csv;
    private long written;

    ManifestWriter(Path path, List<String> extraColumns, boolean append) throws IOException {
        this.format = ManifestFormat.of(path);
        this.extra = List.copyOf(extraColumns);
        for (String c : extra) {
            if (ManifestReader.REQUIRED.contains(c)) {
                throw new IllegalArgumentException("extra column '" + c + "' clashes with a required column");
            }
        }
        if (Set.copyOf(extra).size() != extra.size()) {
            throw new IllegalArgumentException("extra columns repeat a name: " + extra);
        }
        Path abs = path.toAbsolutePath();
        this.baseDir = abs.getParent();
        Files.createDirectories(baseDir);
        List<String> header = new ArrayList<>(ManifestReader.REQUIRED);
        header.addAll(extra);
        boolean continuing = append && Files.exists(abs) && Files.size(abs) > 0;
        if (continuing && format == ManifestFormat.CSV) {
            checkHeader(abs, header);
        }
        this.out = Files.newBufferedWriter(abs, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, continuing ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        this.csv = format == ManifestFormat.CSV ? new CSVPrinter(out, CSV) : null;
        if (csv != null && !continuing) {
            csv.printRecord(header);
        }
    }

    private static void checkHeader(Path path, List<String> header) throws IOException {
        try (ManifestReader r = new ManifestReader(path)) {
            List<String> existing = new ArrayList<>(ManifestReader.REQUIRED);
            existing.addAll(r.extraColumns());
            if (!existing.equals(header)) {
                throw new IOException("cannot append to " + path + ": its columns " + existing + " differ from " + header);
            }
        }
    }

    /** Writes a record with no extra values. */
    public void write(ImageTextRecord record) throws IOException {
        write(record, Map.of());
    }

    /** Writes a record; keys of {@code extraValues} must be declared extra columns. */
    public void write(ImageTextRecord record, Map<String, ?> extraValues) throws IOException {
        for (String k : extraValues.keySet()) {
            if (!extra.contains(k)) {
                throw new IllegalArgumentException("undeclared extra column '" + k + "' (declared: " + extra + ")");
            }
        }
        String image = ImageRefs.relativize(baseDir, record.image());
        if (csv != null) {
            List<String> row = new ArrayList<>(3 + extra.size());
            row.add(record.id());
            row.add(image);
            row.add(record.caption());
            for (String c : extra) {
                Object v = extraValues.get(c);
                row.add(v == null ? "" : String.valueOf(v));
            }
            csv.printRecord(row);
        } else {
            ObjectNode node = JSON.createObjectNode();
            node.put("id", record.id());
            node.put("image", image);
            node.put("caption", record.caption());
            for (String c : extra) {
                Object v = extraValues.get(c);
                if (v != null) {
                    node.set(c, JSON.valueToTree(v));
                }
            }
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        }
        written++;
    }

    /** Rows written by this writer (not counting rows already in an appended file). */
    public long written() {
        return written;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        } else {
            out.close();
        }
    }
}
