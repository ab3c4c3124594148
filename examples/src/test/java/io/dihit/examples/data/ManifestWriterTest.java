package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {

    @Test
    void writesHeaderAndQuotesCommasAndQuotes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/m.csv");
        ManifestWriter.writeManifest(file, List.of(
                new ManifestWriter.Row("a/1", "/x/1.png", "grinning face: smile, happy"),
                new ManifestWriter.Row("a/2", "/x/2.png", "say \"hi\"")));
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertEquals(ManifestWriter.MANIFEST_HEADER, parser.getHeaderNames());
            List<CSVRecord> records = parser.getRecords();
            assertEquals(2, records.size());
            assertEquals("grinning face: smile, happy", records.get(0).get("caption"));
            assertEquals("say \"hi\"", records.get(1).get("caption"));
            assertEquals("/x/2.png", records.get(1).get("image"));
        }
        assertFalse(Files.exists(dir.resolve("sub/m.csv.tmp")));
    }

    @Test
    void rejectsEmptyFieldsAndRaggedRows(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new ManifestWriter.Row("id", "img", " "));
        assertThrows(IllegalArgumentException.class,
                () -> ManifestWriter.writeTable(dir.resolve("t.csv"), List.of("a", "b"), List.of(List.of("1"))));
    }
}
