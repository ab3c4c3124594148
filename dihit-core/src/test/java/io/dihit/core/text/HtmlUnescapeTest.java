package io.dihit.core.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected values are Python 3.11 {@code html.unescape} outputs. */
class HtmlUnescapeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "&notit;|\u00acit;",
        "&amp|&",
        "&ampx|&x",
        "&#x110000;|\ufffd",
        "&#128;|\u20ac",
        "&#1;|''",
        "&foo;|&foo;",
        "&#65;&#x42;&#X43|ABC",
        "&eacute;t&eacute|\u00e9t\u00e9",
        "&AMP;&lt;&GT;|&<>",
        "&#0;|\ufffd",
        "&#xD800;|\ufffd",
        "&#99999999999999999999;|\ufffd",
        "a & b|a & b",
        "&nbsp;&copy;2024|\u00a0\u00a92024",
        "&NotEqualTilde;|\u2242\u0338",
    })
    void matchesPython(String input, String expected) {
        assertEquals(expected, HtmlUnescape.unescape(input));
    }
}
