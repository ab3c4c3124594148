package io.dihit.core.text;

import java.util.Locale;

/**
 * Python's {@code str.lower()}. Java's {@code toLowerCase(Locale.ROOT)} agrees except for capital sigma, where
 * Java decides "final sigma" by word boundaries and Python by the Unicode Final_Sigma context:
 * {@code \p{cased}\p{case-ignorable}* U+03A3 !(\p{case-ignorable}* \p{cased})}.
 */
final class PythonLowerCase {
    private static final char CAPITAL_SIGMA = '\u03a3';

    private PythonLowerCase() {
    }

    static String lower(String s) {
        int sigma = s.indexOf(CAPITAL_SIGMA);
        if (sigma < 0) {
            return s.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        for (; sigma >= 0; sigma = s.indexOf(CAPITAL_SIGMA, from)) {
            out.append(s.substring(from, sigma).toLowerCase(Locale.ROOT));
            out.append(isFinalSigma(s, sigma) ? '\u03c2' : '\u03c3');
            from = sigma + 1;
        }
        return out.append(s.substring(from).toLowerCase(Locale.ROOT)).toString();
    }

    private static boolean isFinalSigma(String s, int at) {
        int j = at;
        int c = -1;
        while (j > 0) {
            c = s.codePointBefore(j);
            j -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                break;
            }
            c = -1;
        }
        if (c < 0 || !isCased(c)) {
            return false;
        }
        j = at + 1;
        while (j < s.length()) {
            c = s.codePointAt(j);
            if (!isCaseIgnorable(c)) {
                return !isCased(c);
            }
            j += Character.charCount(c);
        }
        return true;
    }

    static boolean isCased(int c) {
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /** Case_Ignorable: marks, format characters, modifiers, and Word_Break MidLetter / MidNumLet / Single_Quote. */
    static boolean isCaseIgnorable(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
                    Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL -> {
                return true;
            }
            default -> {
                return switch (c) {
                    case 0x27, 0x2e, 0x3a, 0xb7, 0x387, 0x55f, 0x5f4, 0x2018, 0x2019, 0x2024, 0x2027,
                            0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a -> true;
                    default -> false;
                };
            }
        }
    }
}
