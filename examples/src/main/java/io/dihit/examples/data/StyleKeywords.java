package io.dihit.examples.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keywords that describe how one artist drew an emoji rather than what it shows.
 *
 * <p>Rule: emojilib tags emoji drawn on a coloured tile with a hyphenated colour-shape keyword
 * ({@code blue-square}, {@code red-circle}, {@code black-square}, ...). The tile colour is the
 * Apple artwork's and differs across styles (Twitter draws the same emoji on other colours), so such a
 * keyword names a style: a model trained on it would learn a shortcut that the held-out style breaks.
 * It is dropped. Concepts that are a coloured shape (🟥 {@code red_square}) keep their names, which
 * emojilib writes with underscores; the rule matches only the hyphenated tag form.
 */
public final class StyleKeywords {

    private static final Pattern STYLE_TAG = Pattern.compile(
            "(red|orange|yellow|green|blue|purple|pink|brown|black|white|grey|gray)-(square|circle|button|tile)");

    private StyleKeywords() {
    }

    /** True when the raw emojilib keyword (before underscore normalisation) names a style. */
    public static boolean namesStyle(String rawKeyword) {
        return STYLE_TAG.matcher(rawKeyword.trim().toLowerCase(Locale.ROOT)).matches();
    }
}
