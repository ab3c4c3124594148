package io.dihit.filter.caption;

import edu.emory.clir.clearnlp.component.AbstractComponent;
import edu.emory.clir.clearnlp.dependency.DEPNode;
import edu.emory.clir.clearnlp.dependency.DEPTree;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@link CaptionParser} on ClearNLP 3 (English "general" models). All instances share one set of
 * models per JVM ({@link ClearNlpModels}); instances are cheap, immutable and thread-safe.
 */
public final class ClearNlpCaptionParser implements CaptionParser {

    /** @param maxTokens captions with more tokens are cut here (bounds the time per caption), >= 1 */
    public record Config(int maxTokens) {
        public static final Config DEFAULT = new Config(256);

        public Config {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
            }
        }
    }

    // Emoji and other symbols, variation selectors, control and format characters (zero-width joiners)
    // carry no words; left in, the tagger calls an emoji a noun and the parser hangs words off it.
    private static final Pattern NOT_WORDS = Pattern.compile("[\\p{So}\\p{Sk}\\p{Cc}\\p{Cf}\\p{Cs}\\x{FE00}-\\x{FE0F}]+");

    private static final Pattern FINAL_MARKS = Pattern.compile("[.!?\u2026]+");

    private final Config config;
    private final ClearNlpModels models;

    public ClearNlpCaptionParser(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.models = ClearNlpModels.shared();
    }

    public ClearNlpCaptionParser() {
        this(Config.DEFAULT);
    }

    @Override
    public String name() {
        return "clearnlp-3.1.2-general-en";
    }

    @Override
    public CaptionParse parse(String caption) {
        if (caption == null) {
            return CaptionParse.EMPTY;
        }
        String text = NOT_WORDS.matcher(Normalizer.normalize(caption, Normalizer.Form.NFC)).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return CaptionParse.EMPTY;
        }
        // tokenize(String), not segmentize(InputStream): the latter decodes with the platform charset.
        List<List<String>> sentences = sentences(models.tokenizer.tokenize(text));
        List<ParsedToken> tokens = new ArrayList<>();
        boolean truncated = false;
        for (List<String> sentence : sentences) {
            int room = config.maxTokens() - tokens.size();
            if (room <= 0) {
                truncated = true;
                break;
            }
            if (sentence.size() > room) {
                sentence = sentence.subList(0, room);
                truncated = true;
            }
            if (!sentence.isEmpty()) {
                appendParsed(sentence, tokens);
            }
        }
        return new CaptionParse(tokens, truncated);
    }

    /** Splits tokens into sentences after tokens made only of final marks (".", "!", "?", "..."). */
    static List<List<String>> sentences(List<String> tokens) {
        List<List<String>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (FINAL_MARKS.matcher(tokens.get(i)).matches()) {
                out.add(tokens.subList(start, i + 1));
                start = i + 1;
            }
        }
        if (start < tokens.size()) {
            out.add(tokens.subList(start, tokens.size()));
        }
        return out;
    }

    private void appendParsed(List<String> words, List<ParsedToken> out) {
        DEPTree tree = new DEPTree(words);
        for (AbstractComponent component : models.components) {
            component.process(tree);
        }
        int offset = out.size();
        for (int id = 1; id < tree.size(); id++) {
            DEPNode node = tree.get(id);
            DEPNode head = node.getHead();
            int headIndex = head == null || head.getID() == 0 ? -1 : offset + head.getID() - 1;
            String lemma = node.getLemma() == null ? node.getWordForm() : node.getLemma();
            out.add(new ParsedToken(offset + id - 1, node.getWordForm(), lemma.toLowerCase(Locale.ROOT),
                    nullToEmpty(node.getPOSTag()), headIndex, nullToEmpty(node.getLabel())));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
