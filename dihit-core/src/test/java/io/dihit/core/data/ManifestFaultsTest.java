package io.dihit.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fault injection for manifests as web dumps write them: every physical record is read and accounted for. */
class ManifestFaultsTest {
    @TempDir
    Path dir;

    private record Result(List<ManifestRow> rows, DataReport report, List<Skip> skips) {
    }

    private Result read(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        List<Skip> skips = new ArrayList<>();
        try (ManifestReader r = Manifests.read(p)) {
            r.report().addSkipListener(skips::add);
            return new Result(r.rows().toList(), r.report(), skips);
        }
    }

    private static byte[] u(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void inchMarksInUnquotedCaptionsAreData() throws IOException {
        StringBuilder b = new StringBuilder("id,image,caption\n");
        for (int i = 1; i <= 1000; i++) {
            String caption = i == 102 ? "a 12\" pizza being sliced by a chef" : i % 7 == 0 ? "she said \"hi\" twice" : "a dog runs " + i;
            b.append("r").append(i).append(",img/").append(i).append(".png,").append(caption).append('\n');
        }
        Result r = read("m.csv", u(b.toString()));
        assertEquals(1000, r.report().read());
        assertEquals(1000, r.rows().size());
        assertEquals("a 12\" pizza being sliced by a chef", r.rows().get(101).record().caption());
        assertEquals("she said \"hi\" twice", r.rows().get(6).record().caption());
        assertEquals(1001, r.rows().get(999).line());
    }

    @Test
    void quoteAtTheStartOfALineAfterAnInchMarkRowIsAFieldQuote() throws IOException {
        Result r = read("m.csv", u("id,image,caption\n"
                + "a,a.png,a 12\" pizza\n"
                + "\"b\",b.png,\"a \"\"quoted\"\" word, with a comma\"\n"
                + "c,c.png,plain\n"));
        assertEquals(3, r.report().read());
        assertEquals(List.of("a", "b", "c"), r.rows().stream().map(x -> x.record().id()).toList());
        assertEquals("a \"quoted\" word, with a comma", r.rows().get(1).record().caption());
        assertEquals(List.of(2L, 3L, 4L), r.rows().stream().map(ManifestRow::line).toList());
    }

    @Test
    void unclosedQuotedFieldMidFileCostsOnlyItsRecord() throws IOException {
        StringBuilder b = new StringBuilder("id,image,caption\n");
        for (int i = 1; i <= 50; i++) {
            String caption = i == 20 ? "\"a caption whose quote never closes" : i == 30 ? "\"quoted\" then more" : "row " + i;
            b.append("r").append(i).append(",img.png,").append(caption).append('\n');
        }
        b.append("r51,img.png,\"ends inside a quote\nr52,img.png,swallowed at the end\n");
        Result r = read("m.csv", u(b.toString()));
        assertEquals(52, r.report().read());
        assertEquals(50, r.report().keptCount());
        assertEquals(2, r.report().count(SkipReason.MALFORMED_ROW));
        assertEquals(List.of(21L, 52L), r.skips().stream().map(Skip::where).toList());
        assertEquals(List.of("r20", "r51"), r.skips().stream().map(Skip::id).toList());
        assertEquals("quoted then more", r.rows().get(28).record().caption()); // Python csv reads it so
        assertEquals("r21", r.rows().get(19).record().id());
        assertEquals(22, r.rows().get(19).line());
        assertEquals("r52", r.rows().get(49).record().id());
        assertEquals(53, r.rows().get(49).line());
    }

    @Test
    void multiLineQuotedCaptionsStillWork() throws IOException {
        Result r = read("m.csv", u("id,image,caption\r\na,a.png,\"two\r\nlines\"\r\nb,b.png,x\r\n"));
        assertEquals(2, r.report().read());
        assertEquals("two\r\nlines", r.rows().get(0).record().caption());
        assertEquals(4, r.rows().get(1).line());
        assertEquals("x", r.rows().get(1).record().caption());
    }

    @Test
    void badUtf8RowKeepsItsAsciiId() throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(u("id,image,caption\nascii-7,a.png,caf"));
        csv.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        csv.writeBytes(u("\n"));
        Result c = read("m.csv", csv.toByteArray());
        assertEquals(1, c.report().count(SkipReason.BAD_UTF8));
        assertEquals("ascii-7", c.skips().get(0).id());

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(u("{\"id\": \"ascii-8\", \"image\": \"a.png\", \"caption\": \"caf"));
        json.writeBytes(new byte[] {(byte) 0xFF});
        json.writeBytes(u("\"}\n"));
        Result j = read("m.jsonl", json.toByteArray());
        assertEquals(1, j.report().count(SkipReason.BAD_UTF8));
        assertEquals("ascii-8", j.skips().get(0).id());
    }

    @Test
    void everySkipBeyondAThousandKeepsIdAndDistinctLine() throws IOException {
        StringBuilder b = new StringBuilder("id,image,caption\n");
        for (int i = 0; i < 2500; i++) {
            String caption = i % 25 < 12 ? "  " : i % 3 == 0 ? "a 3\" nail" : "a cat sleeps";
            b.append("r").append(i).append(",img.png,").append(caption).append('\n');
        }
        Result r = read("m.csv", u(b.toString()));
        assertEquals(2500, r.report().read());
        assertEquals(1200, r.report().count(SkipReason.EMPTY_CAPTION));
        assertEquals(1200, r.skips().size());
        Set<Long> lines = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Skip s : r.skips()) {
            lines.add(s.where());
            ids.add(s.id());
        }
        assertEquals(1200, lines.size());
        assertEquals(1200, ids.size());
        assertEquals(1300, r.rows().size());
    }
}
