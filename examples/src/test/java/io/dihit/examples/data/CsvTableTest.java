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

class CsvTableTest {

    @Test
    void writesHeaderAndQuotesCommasAndQuotes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/t.csv");
        List<String> header = List.of("id", "name", "keywords");
        CsvTable.write(file, header, List.of(
                List.of("a/1", "grinning face", "smile, happy"),
                List.of("a/2", "say \"hi\"", "greeting")));
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertEquals(header, parser.getHeaderNames());
            List<CSVRecord> records = parser.getRecords();
            assertEquals(2, records.size());
            assertEquals("smile, happy", records.get(0).get("keywords"));
            assertEquals("say \"hi\"", records.get(1).get("name"));
            assertEquals("a/2", records.get(1).get("id"));
        }
        assertFalse(Files.exists(dir.resolve("sub/t.csv.tmp")));
    }

    @Test
    void rejectsRaggedRows(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class,
                () -> CsvTable.write(dir.resolve("t.csv"), List.of("a", "b"), List.of(List.of("1"))));
    }
}
