package io.dihit.core.text;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The deterministic part of {@code ftfy.fix_text} (ftfy 6 defaults) that CLIP's {@code basic_clean} runs first:
 * C1 controls read as Windows-1252, Latin ligatures split, full-width forms narrowed, curly quotes
 * straightened, terminal escapes and stray control characters removed, lone surrogates replaced, NFC;
 * repeated until nothing changes, as ftfy does. Left out: ftfy's mojibake detection ({@code fix_encoding}
 * and its helpers), which is a scoring heuristic, and ftfy's own HTML unescape (CLIP's double
 * {@code html.unescape} follows anyway). None of the reference cases depends on the difference.
 */
final class FtfySubset {
    /** Windows-1252 for bytes 0x80..0x9F; bytes it leaves undefined decode to themselves (ftfy's sloppy codec). */
    static final String WINDOWS_1252_80_9F =
            "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f"
            + "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
    private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001b\\[[\\p{Nd};]*[a-zA-Z]");
    private static final String[] WIDTH = buildWidthMap();
    private static final int MAX_ROUNDS = 8;

    private FtfySubset() {
    }

    static String fix(String text) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String fixed = fixOnce(text);
            if (fixed.equals(text)) {
                return fixed;
            }
            text = fixed;
        }
        return text;
    }

    private static String fixOnce(String text) {
        if (isPlainAscii(text)) {
            return text;
        }
        if (text.indexOf('\u001b') >= 0) {
            // before control-character removal, which would take the ESC and leave "[31m" behind
            text = TERMINAL_ESCAPE.matcher(text).replaceAll("");
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\ufffd');
            } else if (c >= 0x80 && c <= 0x9f) {
                out.append(WINDOWS_1252_80_9F.charAt(c - 0x80));
            } else if (isRemovedControl(c)) {
                continue;
            } else {
                appendSingle(out, c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static void appendSingle(StringBuilder out, char c) {
        switch (c) {
            case '\u0132' -> out.append("IJ");
            case '\u0133' -> out.append("ij");
            case '\u0149' -> out.append("\u02bcn");
            case '\ufb00' -> out.append("ff");
            case '\ufb01' -> out.append("fi");
            case '\ufb02' -> out.append("fl");
            case '\ufb03' -> out.append("ffi");
            case '\ufb04' -> out.append("ffl");
            case '\ufb05' -> out.append("\u017ft");
            case '\ufb06' -> out.append("st");
            case '\u02bc', '\u2018', '\u2019', '\u201a', '\u201b' -> out.append('\'');
            case '\u201c', '\u201d', '\u201e', '\u201f' -> out.append('"');
            default -> {
                if (c == '\u3000' || (c >= 0xff01 && c < 0xfff0)) {
                    out.append(WIDTH[c == '\u3000' ? 0 : c - 0xff00]);
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** ftfy's remove_control_chars table (tab, newline, form feed and carriage return stay). */
    private static boolean isRemovedControl(char c) {
        return c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1f) || c == 0x7f
                || (c >= 0x206a && c <= 0x206f) || c == 0xfeff || (c >= 0xfff9 && c <= 0xfffc);
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7f || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) {
                return false;
            }
        }
        return true;
    }

    /** ftfy's fix_character_width: U+3000 to a space, U+FF01..U+FFEF to their NFKC form when that differs. */
    private static String[] buildWidthMap() {
        String[] map = new String[0xfff0 - 0xff00];
        map[0] = " ";
        for (int c = 0xff01; c < 0xfff0; c++) {
            String s = String.valueOf((char) c);
            String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
            map[c - 0xff00] = n;
        }
        return map;
    }
}
