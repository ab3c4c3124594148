package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmojiManifestsTest {

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return parser.getRecords();
        }
    }

    @Test
    void trainOnThreeStylesEvaluateOnTwitter(@TempDir Path dir) throws Exception {
        DataLayout layout = RequiredData.emoji();
        EmojiCatalog catalog = EmojiCatalog.load(layout);
        CaptionBuilder captions = new CaptionBuilder(3);
        EmojiManifests.Written written = new EmojiManifests(layout, captions, 11).write(dir, catalog.concepts());

        int captionsPerStyle = catalog.concepts().stream().mapToInt(c -> captions.captions(c, 11).size()).sum();
        assertTrue(captionsPerStyle >= 2 * 1857 && captionsPerStyle <= 3 * 1857, "captions " + captionsPerStyle);
        assertEquals(3 * captionsPerStyle, written.trainRows());
        assertEquals(1857, written.evalRows());
        assertEquals(1857, written.conceptRows());

        List<CSVRecord> train = read(written.train());
        assertEquals(written.trainRows(), train.size());
        Set<String> ids = new HashSet<>();
        Set<String> styles = new HashSet<>();
        for (CSVRecord r : train) {
            assertTrue(ids.add(r.get("id")), "duplicate id " + r.get("id"));
            styles.add(r.get("id").substring(0, r.get("id").indexOf('/')));
            assertTrue(r.get("image").contains("/img/" + r.get("id").substring(0, r.get("id").indexOf('/')) + "/64/"), r.get("image"));
        }
        assertEquals(Set.of("apple", "google", "facebook"), styles);

        List<CSVRecord> eval = read(written.eval());
        for (CSVRecord r : eval) {
            assertTrue(r.get("id").startsWith("twitter/"));
            // manifests store image paths relative to their folder (the core reader resolves them)
            assertTrue(Files.isRegularFile(written.eval().getParent().resolve(r.get("image"))), r.get("image"));
        }
        assertTrue(eval.stream().anyMatch(r -> r.get("caption").equals("grinning face")));

        List<CSVRecord> concepts = read(written.concepts());
        assertEquals(EmojiManifests.CONCEPT_HEADER, List.copyOf(concepts.get(0).getParser().getHeaderNames()));
        assertEquals(10, concepts.stream().map(r -> r.get("category")).distinct().count());
    }

    @Test
    void rowsNeedTextInEveryField() {
        assertEquals("say \"hi\"", EmojiManifests.row("a/1", "/x/1.png", "say \"hi\"").caption());
        assertThrows(IllegalArgumentException.class, () -> EmojiManifests.row("id", "img", " "));
        assertThrows(IllegalArgumentException.class, () -> EmojiManifests.row("", "img", "caption"));
    }
}
