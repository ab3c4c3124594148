package io.dihit.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dihit.core.data.Skip;
import io.dihit.core.data.SkipReason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Skipped samples as JSON lines, one per skip, with no cap: {@code {"position": 3, "id": "cat/3.png",
 * "reason": "missing_file", "detail": "not found: /data/cat/3.png"}} for an image (position = its index in the
 * image set; the probes add {@code "source": "train"} or {@code "test"}, the split it belongs to), {@code {"source": "val.csv", "position": 12, "id": "r11", "reason": "empty_caption", ...}} for a
 * row the manifest or shard reader skipped (position = line or sample ordinal in that file). Opened on a file, it streams each
 * skip as it arrives (eval's {@code skipped.jsonl}); {@link #write} and {@link #read} keep whole lists.
 */
public final class SkipLog implements Consumer<Skip>, AutoCloseable {
    /** The file name in an evaluation's output folder. */
    public static final String FILE_NAME = "skipped.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;

    private SkipLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** Creates (or empties) {@code file} and streams skips into it. */
    public static SkipLog open(Path file) throws IOException {
        return new SkipLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void accept(Skip skip) {
        try {
            writer.write(line(skip));
            writer.newLine();
            writer.flush(); // a crash later in the run keeps every skip written so far
        } catch (IOException e) {
            throw new UncheckedIOException("writing the skip list", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** The JSON line of one skip. */
    public static String line(Skip s) {
        ObjectNode o = JSON.createObjectNode();
        if (!s.source().isEmpty()) {
            o.put("source", s.source());
        }
        o.put("position", s.where());
        o.put("id", s.id());
        o.put("reason", reasonName(s.reason()));
        o.put("detail", s.detail());
        return o.toString();
    }

    /** A reason as written in the skip list and report.json ({@code missing_file}, {@code unreadable_image}, ...). */
    public static String reasonName(SkipReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    public static Skip parse(String line) throws IOException {
        JsonNode o = JSON.readTree(line);
        return new Skip(o.get("position").asLong(), o.get("id").asText(),
                SkipReason.valueOf(o.get("reason").asText().toUpperCase(Locale.ROOT)), o.get("detail").asText(),
                o.path("source").asText(""));
    }

    public static void write(Path file, List<Skip> skips) throws IOException {
        List<String> lines = new ArrayList<>(skips.size());
        skips.forEach(s -> lines.add(line(s)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public static List<Skip> read(Path file) throws IOException {
        List<Skip> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(parse(line));
            }
        }
        return out;
    }
}
