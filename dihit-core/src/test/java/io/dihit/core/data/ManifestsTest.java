package io.dihit.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestsTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, b.toByteArray());
        return p;
    }

    private static byte[] u(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvKeepsGoodRowsAndCountsEachBadRowWithItsLine() throws IOException {
        Path m = write("sub/m.csv",
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},           // BOM
                u("id,image,caption,score\r\n"),                                 // line 1
                u("a,img/a.png,\"a dog, running\nin snow\",0.5\r\n"),           // lines 2-3, quoted comma + newline
                u("b,img/b.png\n"),                                              // line 4: caption column missing
                u("c,img/c.png,   ,1\n"),                                        // line 5: blank caption
                u("d,img/d.png,caf"), new byte[] {(byte) 0xC3, (byte) 0x28}, u(",2\n"), // line 6: bad UTF-8
                u("\n"),                                                          // line 7: blank, not a row
                u("e,/abs/e.jpg,\"say \"\"hi\"\"\",3\n"),                      // line 8: escaped quotes, absolute path
                u("f,img/f.png,x,1,extra\n"),                                    // line 9: too many fields
                u("g,img/g.png,café ☕,4"));                                     // line 10: no final newline
        Manifests.Loaded l = Manifests.readAll(m);
        List<ImageTextRecord> r = l.records();
        Path base = dir.resolve("sub").toAbsolutePath();
        assertEquals(List.of(
                new ImageTextRecord("a", base.resolve("img/a.png").toString(), "a dog, running\nin snow"),
                new ImageTextRecord("e", "/abs/e.jpg", "say \"hi\""),
                new ImageTextRecord("g", base.resolve("img/g.png").toString(), "café ☕")), r);
        DataReport rep = l.report();
        assertEquals(7, rep.read());
        assertEquals(3, rep.keptCount());
        assertEquals(4, rep.skippedCount());
        assertEquals(1, rep.count(SkipReason.MISSING_COLUMN));
        assertEquals(1, rep.count(SkipReason.EMPTY_CAPTION));
        assertEquals(1, rep.count(SkipReason.BAD_UTF8));
        assertEquals(1, rep.count(SkipReason.MALFORMED_ROW));
        List<Skip> ex = rep.examples();
        assertEquals(List.of(4L, 5L, 6L, 9L), ex.stream().map(Skip::where).toList());
        assertEquals("invalid UTF-8 at byte 15 (0-based) of the row (0xC3) in column 'caption'", ex.get(2).detail());
        assertEquals("d", ex.get(2).id());
        assertEquals("f", ex.get(3).id());
        assertEquals("b", ex.get(0).id());
    }

    @Test
    void csvExtraColumnsAreExposed() throws IOException {
        Path m = write("m.csv", u("caption,id,image,score\nhello,x,x.png,0.25\n"));
        try (ManifestReader r = Manifests.read(m)) {
            assertEquals(List.of("score"), r.extraColumns());
            ManifestRow row = r.next();
            assertEquals(2, row.line());
            assertEquals("hello", row.record().caption());
            assertEquals(Map.of("score", "0.25"), row.extra());
            assertTrue(!r.hasNext());
        }
    }

    @Test
    void csvHeaderWithoutRequiredColumnIsAnError() throws IOException {
        Path m = write("m.csv", u("id,path,caption\nx,x.png,hi\n"));
        IOException e = assertThrows(IOException.class, () -> Manifests.readAll(m));
        assertTrue(e.getMessage().contains("lacks column(s) [image]"), e.getMessage());
    }

    @Test
    void csvUnterminatedQuoteAtEndIsSkipped() throws IOException {
        Path m = write("m.csv", u("id,image,caption\na,a.png,ok\nb,b.png,\"never closed\n"));
        Manifests.Loaded l = Manifests.readAll(m);
        assertEquals(1, l.records().size());
        assertEquals(1, l.report().count(SkipReason.MALFORMED_ROW));
        assertEquals(3, l.report().examples().get(0).where());
    }

    @Test
    void jsonLinesKeepGoodRowsAndCountBadOnes() throws IOException {
        Path m = write("m.jsonl",
                u("{\"id\": 7, \"image\": \"a.png\", \"caption\": \"seven\", \"score\": 1.5}\n"),
                u("{\"id\": \"b\", \"image\": \"b.png\"}\n"),
                u("not json\n"),
                u("[1,2]\n"),
                u("{\"id\": \"c\", \"image\": \"c.png\", \"caption\": \"\"}\n"),
                u("{\"id\": \"d\", \"image\": \"d.png\", \"caption\": \"\u00e9"), new byte[] {(byte) 0xFF}, u("\"}\n"),
                u("\n"),
                u("{\"id\": \"e\", \"image\": \"\", \"caption\": \"x\"}\n"),
                u("{\"id\": \"f\", \"image\": \"shards/s0.tar#f.png\", \"caption\": \"in a shard\"}\n"));
        try (ManifestReader r = Manifests.read(m)) {
            List<ManifestRow> rows = r.rows().toList();
            assertEquals(2, rows.size());
            assertEquals(new ImageTextRecord("7", dir.toAbsolutePath().resolve("a.png").toString(), "seven"), rows.get(0).record());
            assertEquals(Map.of("score", "1.5"), rows.get(0).extra());
            assertTrue(rows.get(0).json().get("score").isDouble()); // the JSON type is kept for writers
            assertEquals(dir.toAbsolutePath().resolve("shards/s0.tar") + "#f.png", rows.get(1).record().image());
            DataReport rep = r.report();
            assertEquals(8, rep.read());
            assertEquals(1, rep.count(SkipReason.MISSING_COLUMN));
            assertEquals(2, rep.count(SkipReason.MALFORMED_ROW));
            assertEquals(1, rep.count(SkipReason.EMPTY_CAPTION));
            assertEquals(1, rep.count(SkipReason.BAD_UTF8));
            assertEquals(1, rep.count(SkipReason.EMPTY_FIELD));
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 8L), rep.examples().stream().map(Skip::where).toList());
        }
    }

    @Test
    void writtenManifestsReadBackWithExtraColumnsAndRelativePaths() throws IOException {
        for (String name : List.of("out/kept.csv", "out/kept.jsonl")) {
            Path out = dir.resolve(name);
            String img = dir.toAbsolutePath().resolve("images/a.png").toString();
            String shardImg = dir.toAbsolutePath().resolve("shards/s.tar") + "#k1.jpg";
            try (ManifestWriter w = Manifests.write(out, List.of("complexity", "text_match"))) {
                w.write(new ImageTextRecord("a", img, "two dogs, \"playing\"\nin snow"), Map.of("complexity", 2, "text_match", false));
                w.write(new ImageTextRecord("k1", shardImg, "café"), Map.of("complexity", 0));
            }
            String text = Files.readString(out);
            assertTrue(text.contains("../images/a.png"), text);
            assertTrue(text.contains("../shards/s.tar#k1.jpg"), text);
            try (ManifestReader r = Manifests.read(out)) {
                List<ManifestRow> rows = r.rows().toList();
                assertEquals(new ImageTextRecord("a", img, "two dogs, \"playing\"\nin snow"), rows.get(0).record());
                assertEquals(new ImageTextRecord("k1", shardImg, "café"), rows.get(1).record());
                assertEquals("2", rows.get(0).extra().get("complexity"));
                assertEquals("false", rows.get(0).extra().get("text_match"));
                assertEquals("0", rows.get(1).extra().get("complexity"));
                assertEquals(0, r.report().skippedCount());
            }
        }
    }

    @Test
    void appendContinuesAFileAndRefusesADifferentHeader() throws IOException {
        Path out = dir.resolve("a.csv");
        try (ManifestWriter w = Manifests.append(out, List.of("s"))) {
            w.write(new ImageTextRecord("1", "1.png", "one"), Map.of("s", 1));
        }
        try (ManifestWriter w = Manifests.append(out, List.of("s"))) {
            w.write(new ImageTextRecord("2", "2.png", "two"), Map.of("s", 2));
        }
        assertEquals("id,image,caption,s\n1,1.png,one,1\n2,2.png,two,2\n", Files.readString(out));
        assertThrows(IOException.class, () -> Manifests.append(out, List.of("t")));
        assertThrows(IllegalArgumentException.class, () -> Manifests.write(dir.resolve("b.csv"), List.of("caption")));
    }
}
