package io.dihit.core.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * CLIP's byte-level BPE tokenizer (OpenAI {@code simple_tokenizer.py}, as shipped with DiHT), for the official
 * merges file or one written by {@link BpeTrainer}. Text is cleaned ({@link ClipTextCleaner}), split by CLIP's
 * pre-tokenisation regex ({@link PreTokenizer}), each piece UTF-8 encoded and BPE-merged. Thread-safe; BPE
 * results are cached per piece.
 */
public final class ClipTokenizer {
    /** CLIP's and DiHT's text context length. */
    public static final int CONTEXT_LENGTH = 77;
    /** Default number of distinct pieces whose BPE result is cached. */
    public static final int DEFAULT_CACHE_WORDS = 200_000;

    private final BpeModel model;
    private final WordCache cache;

    private ClipTokenizer(BpeModel model, int cacheWords) {
        this.model = model;
        this.cache = new WordCache(cacheWords);
    }

    /**
     * Loads a merges file (plain or gzip). For the official file the first 48,894 merges are used, as CLIP does,
     * giving 49,408 ids; a trained file with m merges gives 512 + m + 2 ids.
     */
    public static ClipTokenizer fromMerges(Path mergesTxtOrGz) throws IOException {
        return fromMerges(mergesTxtOrGz, DEFAULT_CACHE_WORDS);
    }

    public static ClipTokenizer fromMerges(Path mergesTxtOrGz, int cacheWords) throws IOException {
        List<MergesFile.Merge> merges = MergesFile.read(mergesTxtOrGz, MergesFile.CLIP_MAX_MERGES);
        try {
            return new ClipTokenizer(new BpeModel(merges), cacheWords);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid merges file " + mergesTxtOrGz + ": " + e.getMessage(), e);
        }
    }

    /** Builds a tokenizer from merges in memory (e.g. straight from {@link BpeTrainer}). */
    public static ClipTokenizer fromMerges(List<MergesFile.Merge> merges) {
        if (merges.size() > MergesFile.CLIP_MAX_MERGES) {
            throw new IllegalArgumentException("at most " + MergesFile.CLIP_MAX_MERGES + " merges, got " + merges.size());
        }
        return new ClipTokenizer(new BpeModel(merges), DEFAULT_CACHE_WORDS);
    }

    public int startId() {
        return model.startId();
    }

    /** The end-of-text id, always the largest id (text towers pool at argmax of the token ids). */
    public int endId() {
        return model.endId();
    }

    public int vocabSize() {
        return model.vocabSize();
    }

    public int mergeCount() {
        return model.mergeCount();
    }

    /** BPE ids of the cleaned, lower-cased text, without start/end tokens. */
    public int[] encode(String text) {
        IntList out = new IntList(32);
        encodeInto(text, out, Integer.MAX_VALUE);
        return out.toArray();
    }

    /**
     * One padded row: start id, BPE ids, end id, zeros. A row longer than {@code contextLength} is cut to it
     * and its last token forced to the end id (DiHT's {@code truncate=True}).
     */
    public int[] tokenize(String text, int contextLength) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("context length must be >= 2 (start and end), got " + contextLength);
        }
        IntList ids = new IntList(contextLength);
        // ids beyond contextLength - 2 would be cut anyway: stop encoding there
        encodeInto(text, ids, contextLength - 2);
        int[] row = new int[contextLength];
        row[0] = startId();
        int kept = Math.min(ids.size(), contextLength - 2);
        System.arraycopy(ids.array(), 0, row, 1, kept);
        row[kept + 1] = endId();
        return row;
    }

    public int[][] tokenize(List<String> texts, int contextLength) {
        int[][] rows = new int[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = tokenize(texts.get(i), contextLength);
        }
        return rows;
    }

    /**
     * CLIP's decode: token bytes joined, read as UTF-8 (bad sequences become U+FFFD), each {@code </w>} turned
     * into a space. So "a photo of a cat" decodes to "a photo of a cat " and punctuation comes back
     * space-separated ("street ." for "street.").
     */
    public String decode(int[] ids) {
        int length = 0;
        for (int id : ids) {
            length += model.bytesOf(id).length;
        }
        byte[] bytes = new byte[length];
        int pos = 0;
        for (int id : ids) {
            byte[] b = model.bytesOf(id);
            System.arraycopy(b, 0, bytes, pos, b.length);
            pos += b.length;
        }
        return new String(bytes, StandardCharsets.UTF_8).replace(ByteLevel.END_OF_WORD, " ");
    }

    /** Appends ids of {@code text} to {@code out}, stopping once {@code out} holds more than {@code limit}. */
    private void encodeInto(String text, IntList out, int limit) {
        String cleaned = ClipTextCleaner.clean(text);
        PreTokenizer.split(cleaned, (s, start, end, special) -> {
            if (special >= 0) {
                out.add(special == 0 ? model.startId() : model.endId());
            } else {
                out.addAll(bpe(s.substring(start, end)));
            }
            return out.size() <= limit;
        });
    }

    private int[] bpe(String piece) {
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = model.encodeWord(piece.getBytes(StandardCharsets.UTF_8));
            cache.put(piece, ids);
        }
        return ids;
    }

    /** Growable int array. */
    private static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void addAll(int[] values) {
            if (size + values.length > data.length) {
                data = Arrays.copyOf(data, Math.max(size * 2, size + values.length));
            }
            System.arraycopy(values, 0, data, size, values.length);
            size += values.length;
        }

        int size() {
            return size;
        }

        int[] array() {
            return data;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
