package io.dihit.core.text;

/**
 * CLIP's pre-tokenisation regex, hand-compiled for speed:
 * {@code <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+}
 * (case-insensitive). Alternatives are tried in that order at each position, so a run of punctuation
 * swallows an apostrophe or a special-token opener that starts inside it, exactly like the regex.
 */
final class PreTokenizer {
    static final String START_OF_TEXT = "<|startoftext|>";
    static final String END_OF_TEXT = "<|endoftext|>";

    /** Receives the pieces of a text in order. */
    interface Sink {
        /**
         * A piece {@code text[start, end)}; {@code special} is 0 (start of text) or 1 (end of text) for a
         * special token, else -1. Returns false to stop splitting.
         */
        boolean piece(String text, int start, int end, int special);
    }

    private PreTokenizer() {
    }

    static void split(String text, Sink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (c == ' ' || ClipTextCleaner.isPythonSpace(c)) {
                i += width;
            } else if (c == '<' && text.regionMatches(true, i, START_OF_TEXT, 0, START_OF_TEXT.length())) {
                if (!sink.piece(text, i, i + START_OF_TEXT.length(), 0)) {
                    return;
                }
                i += START_OF_TEXT.length();
            } else if (c == '<' && text.regionMatches(true, i, END_OF_TEXT, 0, END_OF_TEXT.length())) {
                if (!sink.piece(text, i, i + END_OF_TEXT.length(), 1)) {
                    return;
                }
                i += END_OF_TEXT.length();
            } else if (c == '\'' && contractionLength(text, i) > 0) {
                int len = contractionLength(text, i);
                if (!sink.piece(text, i, i + len, -1)) {
                    return;
                }
                i += len;
            } else if (Character.isLetter(c)) {
                int end = i + width;
                while (end < n) {
                    int d = text.codePointAt(end);
                    if (!Character.isLetter(d)) {
                        break;
                    }
                    end += Character.charCount(d);
                }
                if (!sink.piece(text, i, end, -1)) {
                    return;
                }
                i = end;
            } else if (isNumber(c)) {
                if (!sink.piece(text, i, i + width, -1)) {
                    return;
                }
                i += width;
            } else {
                int end = i + width;
                while (end < n) {
                    int d = text.codePointAt(end);
                    if (ClipTextCleaner.isPythonSpace(d) || Character.isLetter(d) || isNumber(d)) {
                        break;
                    }
                    end += Character.charCount(d);
                }
                if (!sink.piece(text, i, end, -1)) {
                    return;
                }
                i = end;
            }
        }
    }

    /** Length of {@code 's 't 're 've 'm 'll 'd} at {@code i} (case-insensitive), or 0. */
    private static int contractionLength(String text, int i) {
        if (i + 1 >= text.length()) {
            return 0;
        }
        char a = fold(text.charAt(i + 1));
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return 2;
        }
        if (i + 2 < text.length()) {
            char b = fold(text.charAt(i + 2));
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                return 3;
            }
        }
        return 0;
    }

    /** Simple case folding for the letters the contractions use; U+017F (long s) folds to 's'. */
    private static char fold(char c) {
        if (c == '\u017f') {
            return 's';
        }
        return c < 128 ? Character.toLowerCase(c) : c;
    }

    static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
