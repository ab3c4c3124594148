package io.dihit.core.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTrainerTest {
    private static final String[] WORDS = {
        "a", "the", "photo", "of", "cat", "dog", "red", "blue", "car", "on", "street", "sitting", "running",
        "green", "tree", "smiling", "face", "with", "heart", "eyes", "yellow", "flag", "house", "boat",
        "mountain", "snow", "beach", "sunset", "woman", "man", "child", "playing", "ball", "in", "park"};

    private static final String[] SYLLABLES = {"ka", "ro", "mi", "te", "su", "lan", "dor", "vi", "pe", "shu", "ne", "qua"};
    /** The real words first (most frequent), then 600 pseudo-words built from syllables. */
    private static final List<String> VOCABULARY = vocabulary();

    private static List<String> vocabulary() {
        List<String> v = new ArrayList<>(List.of(WORDS));
        Random rnd = new Random(11);
        while (v.size() < WORDS.length + 600) {
            StringBuilder w = new StringBuilder();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                w.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            }
            if (!v.contains(w.toString())) {
                v.add(w.toString());
            }
        }
        return v;
    }

    /** Captions whose word frequencies fall off with rank, like real captions. */
    private static List<String> corpus(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> captions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = 3 + rnd.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                String word = VOCABULARY.get((int) (Math.pow(rnd.nextDouble(), 3.0) * VOCABULARY.size()));
                sb.append(k == 0 ? "" : " ").append(k == 0 && rnd.nextBoolean() ? capitalise(word) : word);
            }
            captions.add(sb.toString());
        }
        return captions;
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    @Test
    void handWorkedExample() {
        // words ab x3, abc x1, bc x1: pairs (a,b</w>)=3, (b,c</w>)=2, (a,b)=1; then (a,bc</w>)=1
        BpeTrainer.Result r = BpeTrainer.train(List.of("ab ab ab abc", "bc"), new BpeTrainer.Config(600, 1));
        assertEquals(List.of(new MergesFile.Merge("a", "b</w>"), new MergesFile.Merge("b", "c</w>"),
                new MergesFile.Merge("a", "bc</w>")), r.merges());
        assertEquals(517, r.vocabSize());
        assertFalse(r.reachedRequestedSize());
        assertEquals(5, r.words());
        assertEquals(3, r.distinctWords());
        assertEquals(5, r.corpusTokens()); // ab x3, a+bc x1, bc x1
    }

    @Test
    void tiesBreakBySymbolText() {
        BpeTrainer.Result r = BpeTrainer.train(List.of("cd ab"), new BpeTrainer.Config(515, 1));
        assertEquals(List.of(new MergesFile.Merge("a", "b</w>")), r.merges());
        assertTrue(r.reachedRequestedSize());
    }

    @Test
    void vocabularySizeIsExactAndFileLoads(@TempDir Path dir) throws IOException {
        BpeTrainer.Result r = BpeTrainer.train(corpus(3000, 1), BpeTrainer.Config.ofVocabSize(640));
        assertEquals(640, r.vocabSize());
        assertEquals(126, r.merges().size());
        for (String name : List.of("bpe.txt", "bpe.txt.gz")) {
            Path file = dir.resolve(name);
            r.save(file);
            ClipTokenizer tok = ClipTokenizer.fromMerges(file);
            assertEquals(640, tok.vocabSize());
            assertEquals(126, tok.mergeCount());
            assertEquals(638, tok.startId());
            assertEquals(639, tok.endId());
            int[] row = tok.tokenize("a photo of a cat", 16);
            assertEquals(638, row[0]);
            assertTrue(java.util.Arrays.stream(row).max().getAsInt() == 639, "end is the largest id");
        }
    }

    @Test
    void frequentWordsBecomeSingleTokens() {
        ClipTokenizer tok = BpeTrainer.train(corpus(3000, 2), BpeTrainer.Config.ofVocabSize(1024)).tokenizer();
        for (String w : List.of("a", "the", "photo", "of", "cat", "dog", "street", "running")) {
            int[] ids = tok.encode(w);
            assertEquals(1, ids.length, w + " -> " + java.util.Arrays.toString(ids));
            assertTrue(ids[0] >= ByteLevel.FIRST_MERGE_ID || w.length() == 1, w);
            assertEquals(w + " ", tok.decode(ids));
        }
    }

    @Test
    void decodeOfEncodeGivesCleanedLowerCasedText() {
        ClipTokenizer tok = BpeTrainer.train(corpus(3000, 3), BpeTrainer.Config.ofVocabSize(800)).tokenizer();
        List<String> texts = new ArrayList<>(corpus(200, 99));
        // words never seen in training and other scripts fall back to bytes
        texts.addAll(List.of("  A   zebra\tJUMPS  ", "emoji 😀 and 中文", "москва", "naïve café"));
        for (String text : texts) {
            String expected = ClipTextCleaner.clean(text) + " ";
            assertEquals(expected, tok.decode(tok.encode(text)), text);
        }
    }

    @Test
    void deterministicAndIndependentOfCaptionOrder() {
        List<String> captions = corpus(2000, 4);
        BpeTrainer.Result first = BpeTrainer.train(captions, BpeTrainer.Config.ofVocabSize(900));
        List<String> shuffled = new ArrayList<>(captions);
        Collections.shuffle(shuffled, new Random(5));
        BpeTrainer.Result second = BpeTrainer.train(shuffled, BpeTrainer.Config.ofVocabSize(900));
        assertEquals(first.merges(), second.merges());
        String caption = captions.get(0);
        assertArrayEquals(first.tokenizer().encode(caption), second.tokenizer().encode(caption));
    }

    @Test
    void tokenizerReplaysTheTrainersSegmentation() {
        // the loader must split every training word exactly as the trainer's last state did; counted over the
        // corpus, including captions with punctuation, digits and non-Latin text
        List<String> captions = new ArrayList<>(corpus(1500, 6));
        captions.addAll(List.of("Nike Air Max 90 men's shoes!!", "emoji 😀 and 中文", "don't stop-believing #1"));
        BpeTrainer.Result r = BpeTrainer.train(captions, BpeTrainer.Config.ofVocabSize(700));
        ClipTokenizer tok = r.tokenizer();
        long ids = 0;
        for (String c : captions) {
            ids += tok.encode(c).length;
        }
        assertEquals(r.corpusTokens(), ids);
        assertTrue(r.corpusTokens() < r.words() * 3, "merges compress the corpus");
    }

    @Test
    void configValidation() {
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.Config.ofVocabSize(513));
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.Config.ofVocabSize(49409));
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer.Config(1000, 0));
        assertEquals(49408, BpeTrainer.Config.MAX_VOCAB);
    }
}
