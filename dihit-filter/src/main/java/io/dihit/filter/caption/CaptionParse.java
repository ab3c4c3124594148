package io.dihit.filter.caption;

import java.util.List;

/**
 * A dependency parse of a whole caption (all its sentences; heads never cross sentences).
 *
 * @param tokens    the tokens in caption order; {@code tokens.get(i).index() == i}
 * @param truncated true when the caption had more tokens than the parser's limit and the rest was dropped
 */
public record CaptionParse(List<ParsedToken> tokens, boolean truncated) {
    public static final CaptionParse EMPTY = new CaptionParse(List.of(), false);

    public CaptionParse {
        tokens = List.copyOf(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            ParsedToken t = tokens.get(i);
            if (t.index() != i || t.head() >= tokens.size()) {
                throw new IllegalArgumentException("token " + i + " is inconsistent: " + t);
            }
        }
    }

    public ParsedToken token(int index) {
        return tokens.get(index);
    }

    public int size() {
        return tokens.size();
    }
}
