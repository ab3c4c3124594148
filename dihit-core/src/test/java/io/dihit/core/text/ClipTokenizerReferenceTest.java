package io.dihit.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The 15 cases of the shared clip_bpe/reference.json, produced by the CLIP tokenizer shipped with DiHT. */
class ClipTokenizerReferenceTest {

    private static JsonNode reference() throws IOException {
        try (InputStream in = ClipTokenizerReferenceTest.class.getResourceAsStream("clip_bpe_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    @Test
    void officialVocabularyShape() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        assertEquals(49408, tok.vocabSize());
        assertEquals(48894, tok.mergeCount());
        assertEquals(49406, tok.startId());
        assertEquals(49407, tok.endId());
        assertEquals(15, reference().get("cases").size());
    }

    @TestFactory
    List<DynamicTest> referenceCases() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : reference().get("cases")) {
            String text = c.get("text").asText();
            String name = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            tests.add(DynamicTest.dynamicTest("'" + name + "'", () -> {
                int[] ids = ints(c.get("bpe_ids"));
                assertArrayEquals(ids, tok.encode(text), "bpe ids");
                assertArrayEquals(ints(c.get("context77")), tok.tokenize(text, ClipTokenizer.CONTEXT_LENGTH), "row");
                assertEquals(c.get("decoded").asText(), tok.decode(ids), "decoded");
            }));
        }
        return tests;
    }

    @Test
    void batchTokenizeMatchesReferenceRows() throws IOException {
        ClipTokenizer tok = ClipBpeFiles.officialTokenizer();
        List<String> texts = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        for (JsonNode c : reference().get("cases")) {
            texts.add(c.get("text").asText());
            rows.add(ints(c.get("context77")));
        }
        int[][] got = tok.tokenize(texts, 77);
        assertEquals(texts.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertArrayEquals(rows.get(i), got[i], texts.get(i));
        }
    }
}
