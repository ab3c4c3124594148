package io.dihit.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the rows of one manifest (CSV or JSON lines), skipping bad rows with a counted reason
 * (see {@link #report()}; every skip reaches its skip listeners). Every physical record is read and
 * counted: a malformed record costs only itself ({@link RawRecordReader} splits CSV as web dumps are
 * written). Image paths are resolved against the manifest's folder. A CSV header lacking id, image
 * or caption, or an unreadable file, is an error, not a skip.
 * Not thread-safe; close it when done.
 */
public final class ManifestReader implements Closeable, Iterator<ManifestRow> {
    static final List<String> REQUIRED = List.of("id", "image", "caption");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Path baseDir;
    private final ManifestFormat format;
    private final InputStream in;
    private final RawRecordReader raw;
    private final DataReport report;
    private List<String> header;
    private int idColumn;
    private ManifestRow next;

    ManifestReader(Path path) throws IOException {
        this(path, true);
    }

    ManifestReader(Path path, boolean logSkips) throws IOException {
        this.path = path;
        this.baseDir = path.toAbsolutePath().getParent();
        this.format = ManifestFormat.of(path);
        this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        this.raw = new RawRecordReader(in, format == ManifestFormat.CSV);
        this.report = new DataReport(path.getFileName().toString(), logSkips);
        if (format == ManifestFormat.CSV) {
            readHeader();
        }
    }

    /** Accounting of rows read so far (complete once the reader is exhausted). */
    public DataReport report() {
        return report;
    }

    public ManifestFormat format() {
        return format;
    }

    /** Names of the extra columns of a CSV manifest (empty for JSON lines, whose keys vary per row). */
    public List<String> extraColumns() {
        if (header == null) {
            return List.of();
        }
        return header.stream().filter(h -> !REQUIRED.contains(h)).toList();
    }

    /** Remaining rows as a sequential stream. */
    public Stream<ManifestRow> rows() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Remaining records as a sequential stream. */
    public Stream<ImageTextRecord> records() {
        return rows().map(ManifestRow::record);
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                RawRecordReader.Raw r = raw.next();
                if (r == null) {
                    return false;
                }
                next = parse(r);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading manifest " + path, e);
        }
    }

    @Override
    public ManifestRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ManifestRow r = next;
        next = null;
        return r;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void readHeader() throws IOException {
        RawRecordReader.Raw r;
        do {
            r = raw.next();
            if (r == null) {
                throw new IOException(path + ": empty CSV manifest, expected a header with id,image,caption");
            }
        } while (isBlank(r.bytes()));
        if (r.status() != RawRecordReader.Status.OK) {
            throw new IOException(path + ": header: " + r.problem());
        }
        List<String> names = new ArrayList<>();
        for (byte[] f : r.fields()) {
            RawRecordReader.Decoded d = RawRecordReader.decodeUtf8(f);
            if (d.error() != null) {
                throw new IOException(path + ": header: " + d.error().replace("of the row", "of a column name"));
            }
            names.add(d.text().trim());
        }
        List<String> missing = REQUIRED.stream().filter(c -> !names.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IOException(path + ": CSV header " + names + " lacks column(s) " + missing);
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IOException(path + ": CSV header " + names + " repeats a column name");
        }
        header = List.copyOf(names);
        idColumn = header.indexOf("id");
    }

    /** The row, or null when it was skipped (and counted) or blank (not a row). */
    private ManifestRow parse(RawRecordReader.Raw r) {
        if (isBlank(r.bytes())) {
            return null;
        }
        long line = r.line();
        if (format == ManifestFormat.CSV) {
            boolean wrongWidth = r.fields().size() != header.size();
            if (r.status() == RawRecordReader.Status.MALFORMED || (r.multiLine() && wrongWidth)) {
                // A stray quote swallowed following lines: this record costs only its first line.
                raw.resyncAfterFirstLine(r);
                String why = r.problem() != null ? r.problem() : r.fields().size() + " fields but the header has " + header.size();
                report.skip(line, csvId(r), SkipReason.MALFORMED_ROW,
                        why + (r.multiLine() ? " (reading resumes at line " + (line + 1) + ")" : ""));
                return null;
            }
            return csvRow(line, r);
        }
        RawRecordReader.Decoded d = RawRecordReader.decodeUtf8(r.bytes());
        if (d.error() != null) {
            report.skip(line, jsonIdLenient(r.bytes()), SkipReason.BAD_UTF8, d.error());
            return null;
        }
        JsonNode node;
        try {
            node = jsonObject(d.text());
        } catch (RowException e) {
            report.skip(line, "", e.reason, e.getMessage());
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, JsonNode> typed = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            fields.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
            if (!v.isTextual() && !v.isNull()) {
                typed.put(e.getKey(), v);
            }
        });
        ManifestRow row = validate(line, fields);
        if (row == null) {
            return null;
        }
        typed.keySet().retainAll(row.extra().keySet());
        return new ManifestRow(row.line(), row.record(), row.extra(), typed);
    }

    private ManifestRow csvRow(long line, RawRecordReader.Raw r) {
        List<byte[]> values = r.fields();
        if (values.size() > header.size()) {
            report.skip(line, csvId(r), SkipReason.MALFORMED_ROW, values.size() + " fields but the header has " + header.size());
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String v = null;
            if (i < values.size()) {
                RawRecordReader.Decoded d = RawRecordReader.decodeUtf8(values.get(i));
                if (d.error() != null) {
                    report.skip(line, csvId(r), SkipReason.BAD_UTF8,
                            RawRecordReader.decodeUtf8(r.bytes()).error() + " in column '" + header.get(i) + "'");
                    return null;
                }
                v = d.text();
            }
            m.put(header.get(i), v);
        }
        return validate(line, m);
    }

    private ManifestRow validate(long line, Map<String, String> fields) {
        for (String c : REQUIRED) {
            if (fields.get(c) == null) {
                report.skip(line, fields.getOrDefault("id", ""), SkipReason.MISSING_COLUMN, "no value for column '" + c + "'");
                return null;
            }
        }
        String id = fields.remove("id");
        String image = fields.remove("image");
        String caption = fields.remove("caption");
        if (id.isBlank() || image.isBlank()) {
            report.skip(line, id, SkipReason.EMPTY_FIELD, id.isBlank() ? "empty id" : "empty image path");
            return null;
        }
        if (caption.isBlank()) {
            report.skip(line, id, SkipReason.EMPTY_CAPTION, "empty caption");
            return null;
        }
        report.kept();
        return new ManifestRow(line, new ImageTextRecord(id, ImageRefs.resolve(baseDir, image), caption), fields);
    }

    /** The id of a CSV record when its id field is present and valid UTF-8, else empty. */
    private String csvId(RawRecordReader.Raw r) {
        if (idColumn >= r.fields().size()) {
            return "";
        }
        RawRecordReader.Decoded d = RawRecordReader.decodeUtf8(r.fields().get(idColumn));
        return d.error() == null ? d.text() : "";
    }

    /** The id of a JSON line with bad UTF-8 elsewhere: parsed with replacement characters, kept only if clean. */
    private static String jsonIdLenient(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            JsonNode id = node == null ? null : node.get("id");
            String text = id == null || !id.isValueNode() ? "" : id.asText();
            return text.indexOf('\uFFFD') >= 0 ? "" : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode jsonObject(String text) throws RowException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RowException(SkipReason.MALFORMED_ROW, "JSON syntax: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RowException(SkipReason.MALFORMED_ROW, "not a JSON object");
        }
        return node;
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A row-level problem: the row is skipped, the file goes on. */
    private static final class RowException extends RuntimeException {
        final SkipReason reason;

        RowException(SkipReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
