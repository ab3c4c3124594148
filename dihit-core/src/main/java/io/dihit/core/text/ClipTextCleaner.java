package io.dihit.core.text;

/**
 * CLIP's text normalisation before pre-tokenisation: {@code whitespace_clean(basic_clean(text)).lower()}, i.e.
 * ftfy (deterministic subset, see {@link FtfySubset}), {@code html.unescape} twice, every run of whitespace
 * to one space, strip, lower-case. "Whitespace" is Python's {@code str.isspace} set, which is wider than Java's.
 */
public final class ClipTextCleaner {
    private ClipTextCleaner() {
    }

    public static String clean(String text) {
        String fixed = FtfySubset.fix(text);
        String unescaped = HtmlUnescape.unescape(HtmlUnescape.unescape(fixed));
        return PythonLowerCase.lower(collapseWhitespace(unescaped));
    }

    /** Python {@code str.isspace}: Unicode White_Space plus the information separators U+001C..U+001F. */
    static boolean isPythonSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    private static String collapseWhitespace(String s) {
        if (isCollapsed(s)) {
            return s;
        }
        StringBuilder out = null;
        boolean pendingSpace = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isPythonSpace(c)) {
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                pendingSpace = true;
                continue;
            }
            if (out != null) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                out.append(c);
            }
            pendingSpace = false;
        }
        return out == null ? s : out.toString();
    }

    /** True when the only whitespace is single spaces between other characters (the common case). */
    private static boolean isCollapsed(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (s.charAt(i + 1) == ' ') {
                    return false;
                }
            } else if (c <= ' ' || (c >= 0x85 && isPythonSpace(c))) {
                return false;
            }
        }
        return true;
    }
}
