package io.dihit.core.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a byte-level BPE vocabulary from captions, CLIP style: the same cleaning and pre-tokenisation as
 * {@link ClipTokenizer}, words as UTF-8 bytes whose last byte carries {@code </w>}, then repeatedly the most
 * frequent adjacent pair (ties: smaller first symbol, then smaller second symbol, by their merges-file
 * spelling) becomes a new symbol. Pair counts are updated incrementally, only in the words that contain the
 * merged pair, so training cost follows the number of changed positions, not corpus size times merges.
 * Ids of the resulting vocabulary: 256 bytes, 256 bytes + {@code </w>}, the merges, start, end.
 *
 * <p>Use: {@code add} captions (one thread), then {@link #train()}; the result saves in the CLIP merges format.
 */
public final class BpeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);

    /**
     * @param vocabSize total ids including the 512 byte tokens and the two special tokens (514..49408)
     * @param minPairCount a pair seen fewer times than this is never merged; training stops early then
     */
    public record Config(int vocabSize, long minPairCount) {
        public static final int MIN_VOCAB = ByteLevel.FIRST_MERGE_ID + 2;
        public static final int MAX_VOCAB = ByteLevel.FIRST_MERGE_ID + MergesFile.CLIP_MAX_MERGES + 2;

        public Config {
            if (vocabSize < MIN_VOCAB || vocabSize > MAX_VOCAB) {
                throw new IllegalArgumentException("vocabSize must be in [" + MIN_VOCAB + ", " + MAX_VOCAB + "], got " + vocabSize);
            }
            if (minPairCount < 1) {
                throw new IllegalArgumentException("minPairCount must be >= 1, got " + minPairCount);
            }
        }

        public static Config ofVocabSize(int vocabSize) {
            return new Config(vocabSize, 2);
        }

        int targetMerges() {
            return vocabSize - MIN_VOCAB;
        }
    }

    /**
     * The learned merges and what they were learned from; {@code corpusTokens} is the number of BPE ids the
     * training captions take with these merges (without start/end).
     */
    public record Result(List<MergesFile.Merge> merges, int requestedVocabSize, long captions, long words,
                         int distinctWords, long corpusTokens) {
        public Result {
            merges = List.copyOf(merges);
        }

        /** Ids of the trained vocabulary: 512 byte tokens, the merges, start and end. */
        public int vocabSize() {
            return Config.MIN_VOCAB + merges.size();
        }

        public boolean reachedRequestedSize() {
            return vocabSize() == requestedVocabSize;
        }

        /** Writes the merges file (gzip when the name ends in .gz); {@link ClipTokenizer#fromMerges(Path)} reads it. */
        public void save(Path path) throws IOException {
            MergesFile.write(path, "#version: 0.2 dihit-bpe-trainer vocab_size=" + vocabSize(), merges);
        }

        public ClipTokenizer tokenizer() {
            return ClipTokenizer.fromMerges(merges);
        }
    }

    private final Config config;
    private final Map<String, long[]> wordCounts = new HashMap<>();
    private long captions;
    private long words;

    public BpeTrainer(Config config) {
        this.config = config;
    }

    /** Counts the words of one caption (cleaned and pre-tokenised as the tokenizer does; special tokens skipped). */
    public void add(String caption) {
        captions++;
        PreTokenizer.split(ClipTextCleaner.clean(caption), (s, start, end, special) -> {
            if (special < 0) {
                wordCounts.computeIfAbsent(s.substring(start, end), k -> new long[1])[0]++;
                words++;
            }
            return true;
        });
    }

    public BpeTrainer addAll(Iterable<String> captionsToAdd) {
        for (String c : captionsToAdd) {
            add(c);
        }
        return this;
    }

    public static Result train(Iterable<String> captions, Config config) {
        return new BpeTrainer(config).addAll(captions).train();
    }

    public Result train() {
        long t0 = System.nanoTime();
        MergeState state = new MergeState(new TreeMap<>(wordCounts));
        List<MergesFile.Merge> merges = new ArrayList<>(config.targetMerges());
        while (merges.size() < config.targetMerges()) {
            MergesFile.Merge merge = state.mergeBest(config.minPairCount());
            if (merge == null) {
                LOG.warn("BPE training stopped at {} of {} merges: no pair occurs {} times or more ({} distinct words)",
                        merges.size(), config.targetMerges(), config.minPairCount(), wordCounts.size());
                break;
            }
            merges.add(merge);
        }
        LOG.info("BPE trained {} merges (vocab {}) from {} captions, {} words ({} distinct) in {} ms", merges.size(),
                Config.MIN_VOCAB + merges.size(), captions, words, wordCounts.size(), (System.nanoTime() - t0) / 1_000_000);
        return new Result(merges, config.vocabSize(), captions, words, wordCounts.size(), state.corpusTokens());
    }

    /** Words as symbol arrays plus the pair statistics the greedy loop needs. */
    private static final class MergeState {
        private final List<String> symbolText = new ArrayList<>();
        private final Map<String, Integer> symbolId = new HashMap<>();
        private final int[][] words;
        private final long[] freq;
        private final int[] visited;
        private int mergeStamp;
        private final LongLongMap pairCount;
        private final Map<Long, IntList> pairWords = new HashMap<>();
        /**
         * Lazy max-queue: an entry may be stale. Counts only grow by a push, so a popped entry whose count
         * differs from the live count is too high; it is re-queued with the live count.
         */
        private final PriorityQueue<Candidate> queue = new PriorityQueue<>(this::compare);

        private record Candidate(long count, int first, int second) {
        }

        MergeState(TreeMap<String, long[]> sortedCounts) {
            for (int id = 0; id < ByteLevel.FIRST_MERGE_ID; id++) {
                symbolOf(ByteLevel.textOfToken(id));
            }
            words = new int[sortedCounts.size()][];
            freq = new long[words.length];
            visited = new int[words.length];
            pairCount = new LongLongMap(words.length * 4);
            int w = 0;
            for (Map.Entry<String, long[]> e : sortedCounts.entrySet()) {
                byte[] utf8 = e.getKey().getBytes(StandardCharsets.UTF_8);
                int[] symbols = new int[utf8.length];
                for (int i = 0; i < utf8.length; i++) {
                    symbols[i] = ByteLevel.tokenOf(utf8[i] & 0xff, i == utf8.length - 1);
                }
                words[w] = symbols;
                freq[w] = e.getValue()[0];
                for (int i = 0; i + 1 < symbols.length; i++) {
                    long key = LongLongMap.pairKey(symbols[i], symbols[i + 1]);
                    pairCount.add(key, freq[w]);
                    pairWords.computeIfAbsent(key, k -> new IntList()).add(w);
                }
                w++;
            }
            pairCount.forEachPositive((key, count) -> {
                queue.add(candidate(key, count));
                return 0;
            });
        }

        /** Applies the best pair everywhere and returns it, or null when no pair reaches {@code minCount}. */
        MergesFile.Merge mergeBest(long minCount) {
            Candidate best;
            while (true) {
                best = queue.poll();
                if (best == null || best.count() < minCount) {
                    return null;
                }
                long live = pairCount.get(LongLongMap.pairKey(best.first(), best.second()));
                if (live == best.count()) {
                    break;
                }
                if (live >= minCount) {
                    queue.add(new Candidate(live, best.first(), best.second()));
                }
            }
            int a = best.first();
            int b = best.second();
            int merged = symbolOf(symbolText.get(a) + symbolText.get(b));
            Set<Long> grown = new HashSet<>();
            mergeStamp++;
            IntList holders = pairWords.remove(LongLongMap.pairKey(a, b));
            for (int h = 0; h < holders.size(); h++) {
                int w = holders.get(h);
                if (visited[w] != mergeStamp) {
                    visited[w] = mergeStamp;
                    mergeInWord(w, a, b, merged, grown);
                }
            }
            for (Long key : grown) {
                queue.add(candidate(key, pairCount.get(key)));
            }
            return new MergesFile.Merge(symbolText.get(a), symbolText.get(b));
        }

        /**
         * Merges (a, b) left to right in word w. Only pairs overlapping a merged span change: those are
         * subtracted from the old word and the pairs touching a new symbol added from the new one.
         */
        private void mergeInWord(int w, int a, int b, int merged, Set<Long> grown) {
            int[] old = words[w];
            int[] next = new int[old.length];
            boolean[] fresh = new boolean[old.length];
            boolean[] oldMerged = new boolean[old.length];
            int n = 0;
            for (int i = 0; i < old.length; ) {
                if (i + 1 < old.length && old[i] == a && old[i + 1] == b) {
                    oldMerged[i] = true;
                    oldMerged[i + 1] = true;
                    fresh[n] = true;
                    next[n++] = merged;
                    i += 2;
                } else {
                    next[n++] = old[i++];
                }
            }
            if (n == old.length) {
                return; // stale index entry: the pair is no longer in this word
            }
            long f = freq[w];
            for (int i = 0; i + 1 < old.length; i++) {
                if (oldMerged[i] || oldMerged[i + 1]) {
                    pairCount.add(LongLongMap.pairKey(old[i], old[i + 1]), -f);
                }
            }
            int[] word = Arrays.copyOf(next, n);
            words[w] = word;
            for (int i = 0; i + 1 < n; i++) {
                if (fresh[i] || fresh[i + 1]) {
                    long key = LongLongMap.pairKey(word[i], word[i + 1]);
                    pairCount.add(key, f);
                    grown.add(key);
                    pairWords.computeIfAbsent(key, x -> new IntList()).add(w);
                }
            }
        }

        long corpusTokens() {
            long tokens = 0;
            for (int w = 0; w < words.length; w++) {
                tokens += freq[w] * words[w].length;
            }
            return tokens;
        }

        private Candidate candidate(long key, long count) {
            return new Candidate(count, (int) (key >>> 32), (int) key);
        }

        /** Higher count first; ties by the symbols' text, so the result does not depend on hash order. */
        private int compare(Candidate x, Candidate y) {
            if (x.count() != y.count()) {
                return Long.compare(y.count(), x.count());
            }
            int c = symbolText.get(x.first()).compareTo(symbolText.get(y.first()));
            return c != 0 ? c : symbolText.get(x.second()).compareTo(symbolText.get(y.second()));
        }

        /** Symbols are identified by text, as the tokenizer's loader does (two merges may spell the same string). */
        private int symbolOf(String text) {
            Integer id = symbolId.get(text);
            if (id == null) {
                id = symbolText.size();
                symbolText.add(text);
                symbolId.put(text, id);
            }
            return id;
        }
    }

    /** Growable int list. */
    private static final class IntList {
        private int[] data = new int[4];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }
    }
}
