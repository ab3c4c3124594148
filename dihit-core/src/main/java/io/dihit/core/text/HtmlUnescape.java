package io.dihit.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape} (HTML5 rules), which CLIP applies twice to every caption: all 2,231 named
 * references (also the legacy ones without ';' and the longest-prefix rule), decimal and hex references
 * with the HTML5 replacements for invalid code points.
 */
final class HtmlUnescape {
    private static final Pattern CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    private static final Map<String, String> NAMED = loadNamed();

    private HtmlUnescape() {
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = CHARREF.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start()).append(replacement(m.group(1)));
            last = m.end();
        }
        return out.append(s, last, s.length()).toString();
    }

    private static String replacement(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            String digits = ref.substring(hex ? 2 : 1);
            if (digits.endsWith(";")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            return numeric(parseCapped(digits, hex ? 16 : 10));
        }
        String named = NAMED.get(ref);
        if (named != null) {
            return named;
        }
        for (int x = ref.length() - 1; x > 1; x--) {
            String prefix = NAMED.get(ref.substring(0, x));
            if (prefix != null) {
                return prefix + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    /** Parses a reference number; anything beyond the Unicode range becomes Integer.MAX_VALUE. */
    private static int parseCapped(String digits, int radix) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = value * radix + Character.digit(digits.charAt(i), radix);
            if (value > 0x10FFFF) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) value;
    }

    private static String numeric(int num) {
        if (num == 0) {
            return "\ufffd";
        }
        if (num == 0x0d) {
            return "\r";
        }
        if (num >= 0x80 && num <= 0x9f) { // HTML5: these references mean Windows-1252 characters
            return String.valueOf(FtfySubset.WINDOWS_1252_80_9F.charAt(num - 0x80));
        }
        if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
            return "\ufffd";
        }
        if (isInvalidCodePoint(num)) {
            return "";
        }
        return new String(Character.toChars(num));
    }

    private static boolean isInvalidCodePoint(int num) {
        return (num >= 0x1 && num <= 0x8) || num == 0xb || (num >= 0xe && num <= 0x1f)
                || (num >= 0x7f && num <= 0x9f) || (num >= 0xfdd0 && num <= 0xfdef)
                || (num & 0xfffe) == 0xfffe;
    }

    private static Map<String, String> loadNamed() {
        String resource = "html5-entities.tsv";
        try (InputStream in = HtmlUnescape.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            Map<String, String> map = new HashMap<>(4096);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder(2);
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                map.put(line.substring(0, tab), value.toString());
            }
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
