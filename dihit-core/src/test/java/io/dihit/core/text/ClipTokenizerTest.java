package io.dihit.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipTokenizerTest {
    /** "a photo of a cat" in CLIP BPE, from the shared reference. */
    private static final int[] A_PHOTO_OF_A_CAT = {320, 1125, 539, 320, 2368};

    private record Case(String text, int[] ids) {
    }

    private static List<Case> randomCases() throws IOException {
        try (InputStream in = ClipTokenizerTest.class.getResourceAsStream("clip_bpe_random_cases.json")) {
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                int[] ids = new int[c.get("ids").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = c.get("ids").get(i).intValue();
                }
                cases.add(new Case(c.get("text").asText(), ids));
            }
            return cases;
        }
    }

    @Test
    void randomStringsMatchPythonClip() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        List<Case> cases = randomCases();
        assertEquals(300, cases.size());
        for (Case c : cases) {
            assertArrayEquals(c.ids(), tok.encode(c.text()), c.text());
        }
    }

    @Test
    void overLongRowIsCutWithEndTokenLast() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        String text = "a photo of a cat ".repeat(30);
        assertEquals(150, tok.encode(text).length);
        int[] row = tok.tokenize(text, 77);
        assertEquals(77, row.length);
        assertEquals(49406, row[0]);
        for (int k = 0; k < 75; k++) {
            assertEquals(A_PHOTO_OF_A_CAT[k % 5], row[1 + k], "position " + (1 + k));
        }
        assertEquals(49407, row[76]);
    }

    @Test
    void rowOneTokenTooLongDropsTheLastId() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        // 76 ids: start + 76 + end = 78 > 77, so the 76th id is replaced by the end token
        String text = "1".repeat(76);
        int[] ids = tok.encode(text);
        assertEquals(76, ids.length);
        int[] row = tok.tokenize(text, 77);
        assertEquals(272, row[75]);
        assertEquals(49407, row[76]);
        // 75 ids fit exactly
        int[] fits = tok.tokenize("1".repeat(75), 77);
        assertEquals(272, fits[75]);
        assertEquals(49407, fits[76]);
    }

    @Test
    void shortContextAndValidation() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        assertArrayEquals(new int[] {49406, 320, 49407}, tok.tokenize("a photo of a cat", 3));
        assertArrayEquals(new int[] {49406, 49407}, tok.tokenize("a photo", 2));
        assertThrows(IllegalArgumentException.class, () -> tok.tokenize("a", 1));
    }

    @Test
    void emptyAndWhitespaceOnly() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        assertArrayEquals(new int[0], tok.encode(""));
        assertArrayEquals(new int[0], tok.encode(" \t\n\u00a0\u3000 "));
        int[] row = tok.tokenize("   ", 77);
        assertEquals(49406, row[0]);
        assertEquals(49407, row[1]);
        assertEquals(0, Arrays.stream(row).skip(2).sum());
        assertEquals("", tok.decode(new int[0]));
    }

    @Test
    void emojiAndNonLatinRoundTrip() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        for (String text : List.of("emoji 😀 and 中文", "москва ночью", "서울 타워", "👍🏽 🇫🇷 ❤️", "ελληνικά κείμενα")) {
            int[] ids = tok.encode(text);
            assertTrue(ids.length > 0);
            assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < 49406), text);
            assertEquals(text + " ", tok.decode(ids).replace("  ", " "), text);
        }
        // same ids as the shared reference
        assertArrayEquals(new int[] {16327, 7334, 537, 19759, 255, 29032, 485}, tok.encode("emoji 😀 and 中文"));
    }

    @Test
    void specialTokenStringsInTextBecomeSpecialIds() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        assertArrayEquals(new int[] {320, 49407, 2368}, tok.encode("a<|endoftext|>cat"));
        assertArrayEquals(new int[] {49406}, tok.encode("<|startoftext|>"));
        assertEquals("<|startoftext|>a ", tok.decode(new int[] {49406, 320}));
    }

    @Test
    void decodeRejectsIdsOutsideVocabulary() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {49408}));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {-1}));
    }

    @Test
    void ftfyStepsClipAppliesBeforeBpe() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        int[] straight = tok.encode("don't \"stop\" fifty");
        assertArrayEquals(straight, tok.encode("don\u2019t \u201cstop\u201d \ufb01fty"), "curly quotes, ligature");
        assertArrayEquals(tok.encode("loud noises 42"), tok.encode("\uff2c\uff2f\uff35\uff24\u3000\uff4e\uff4f\uff49\uff53\uff45\uff53 \uff14\uff12"),
                "full width");
        assertArrayEquals(tok.encode("caf\u00e9"), tok.encode("cafe\u0301"), "NFC");
        assertArrayEquals(tok.encode("ab"), tok.encode("a\u0000\ufeffb\u001b[31m"), "control characters, terminal escapes");
        assertArrayEquals(tok.encode("tom & jerry < 3"), tok.encode("Tom &amp;amp; Jerry &lt; 3"), "html unescaped twice");
    }

    @Test
    void finalSigmaFollowsPythonLower() {
        // Python: "ΟΔΟΣ".lower() == "οδος" (final ς), "ΣΑ".lower() == "σα", "AΣ1".lower() == "aς1"
        assertEquals("οδος", ClipTextCleaner.clean("ΟΔΟΣ"));
        assertEquals("σα", ClipTextCleaner.clean("ΣΑ"));
        assertEquals("aς1", ClipTextCleaner.clean("AΣ1"));
        assertEquals("a.σb", ClipTextCleaner.clean("A.ΣB"));
    }

    @Test
    void concurrentUseGivesTheSameIds() throws Exception {
        // a tiny cache forces clears while other threads read it
        ClipTokenizer tok = ClipTokenizer.fromMerges(ClipBpeFiles.officialMerges(), 64);
        List<Case> cases = randomCases();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 37;
                futures.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < cases.size(); i++) {
                            Case c = cases.get((i + offset) % cases.size());
                            assertArrayEquals(c.ids(), tok.encode(c.text()), c.text());
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : futures) {
                assertEquals(1500, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void plainTextMergesFileLoadsLikeGzip(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("merges.txt");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ClipBpeFiles.officialMerges()))) {
            Files.write(plain, in.readAllBytes());
        }
        ClipTokenizer tok = ClipTokenizer.fromMerges(plain);
        assertEquals(49408, tok.vocabSize());
        assertArrayEquals(A_PHOTO_OF_A_CAT, tok.encode("A photo of a cat"));
    }

    @Test
    void badMergesFilesGetClearErrors(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertTrue(assertThrows(IOException.class, () -> ClipTokenizer.fromMerges(missing)).getMessage().contains("not found"));
        Path noHeader = dir.resolve("noheader.txt");
        Files.writeString(noHeader, "a b\nc d\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(IOException.class, () -> ClipTokenizer.fromMerges(noHeader)).getMessage().contains("header"));
        Path oneSymbol = dir.resolve("one.txt");
        Files.writeString(oneSymbol, "#version: 0.2\na b\nc\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(IOException.class, () -> ClipTokenizer.fromMerges(oneSymbol)).getMessage().contains("line 3"));
        Path unknown = dir.resolve("unknown.txt");
        Files.writeString(unknown, "#version: 0.2\nab cd\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(IOException.class, () -> ClipTokenizer.fromMerges(unknown)).getMessage().contains("symbol"));
    }
}
