package io.dihit.core.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CLIP-style byte-level BPE vocabulary built from merge rules: ids are the 256 byte tokens, the 256 byte
 * tokens with {@code </w>}, one id per merge, then {@code <|startoftext|>} and {@code <|endoftext|>}.
 * Symbols are identified by their text as in CLIP's Python code (a later entry with the same text wins),
 * so two merges producing the same string behave exactly as they do there.
 */
final class BpeModel {
    private static final long NO_MERGE = Long.MAX_VALUE;

    private final int vocabSize;
    private final int startId;
    private final int endId;
    private final int mergeCount;
    /** (first, second) -> rank << 32 | merged id. */
    private final LongLongMap merges;
    private final byte[][] tokenBytes;

    BpeModel(List<MergesFile.Merge> mergeList) {
        mergeCount = mergeList.size();
        vocabSize = ByteLevel.FIRST_MERGE_ID + mergeCount + 2;
        startId = vocabSize - 2;
        endId = vocabSize - 1;
        List<String> vocab = new ArrayList<>(vocabSize);
        for (int id = 0; id < ByteLevel.FIRST_MERGE_ID; id++) {
            vocab.add(ByteLevel.textOfToken(id));
        }
        for (MergesFile.Merge m : mergeList) {
            vocab.add(m.first() + m.second());
        }
        vocab.add(PreTokenizer.START_OF_TEXT);
        vocab.add(PreTokenizer.END_OF_TEXT);
        Map<String, Integer> encoder = new HashMap<>(vocabSize * 2);
        for (int id = 0; id < vocab.size(); id++) {
            encoder.put(vocab.get(id), id);
        }
        merges = new LongLongMap(mergeCount);
        for (int rank = 0; rank < mergeCount; rank++) {
            MergesFile.Merge m = mergeList.get(rank);
            Integer first = encoder.get(m.first());
            Integer second = encoder.get(m.second());
            if (first == null || second == null) {
                throw new IllegalArgumentException("merge " + (rank + 1) + " ('" + m.first() + "' '" + m.second()
                        + "') uses a symbol that no byte or merge produces");
            }
            merges.put(LongLongMap.pairKey(first, second), ((long) rank << 32) | encoder.get(m.first() + m.second()));
        }
        tokenBytes = new byte[vocabSize][];
        for (int id = 0; id < vocabSize; id++) {
            tokenBytes[id] = bytesOf(vocab.get(id), id);
        }
    }

    int vocabSize() {
        return vocabSize;
    }

    int startId() {
        return startId;
    }

    int endId() {
        return endId;
    }

    int mergeCount() {
        return mergeCount;
    }

    /**
     * BPE of one pre-token given as UTF-8 bytes: start from byte tokens (the last one with {@code </w>}),
     * repeatedly merge every occurrence, left to right, of the adjacent pair with the lowest rank.
     */
    int[] encodeWord(byte[] utf8) {
        int n = utf8.length;
        int[] word = new int[n];
        for (int i = 0; i < n; i++) {
            word[i] = ByteLevel.tokenOf(utf8[i] & 0xff, i == n - 1);
        }
        while (n > 1) {
            long best = NO_MERGE;
            int at = -1;
            for (int i = 0; i + 1 < n; i++) {
                long v = merges.get(LongLongMap.pairKey(word[i], word[i + 1]), NO_MERGE);
                if (v < best) {
                    best = v;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            int merged = (int) best;
            int first = word[at];
            int second = word[at + 1];
            int out = 0;
            for (int i = 0; i < n; ) {
                if (i + 1 < n && word[i] == first && word[i + 1] == second) {
                    word[out++] = merged;
                    i += 2;
                } else {
                    word[out++] = word[i++];
                }
            }
            n = out;
        }
        return n == word.length ? word : java.util.Arrays.copyOf(word, n);
    }

    /** The bytes a token stands for; {@code </w>} is kept as its four ASCII bytes, as CLIP's decoder does. */
    byte[] bytesOf(int id) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException("token id " + id + " outside vocabulary [0, " + vocabSize + ")");
        }
        return tokenBytes[id];
    }

    private static byte[] bytesOf(String token, int id) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = ByteLevel.byteOfChar(token.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException("token " + id + " ('" + token + "') contains U+"
                        + Integer.toHexString(token.charAt(i)).toUpperCase() + ", which is not a byte stand-in");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }
}
