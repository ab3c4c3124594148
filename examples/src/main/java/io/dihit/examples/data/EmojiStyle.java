package io.dihit.examples.data;

import java.util.Locale;

/** An artist's rendering of the emoji set, each shipped by its own npm package. */
public enum EmojiStyle {
    APPLE, GOOGLE, FACEBOOK, TWITTER;

    /** Vendor name as used by emoji-datasource (folder names and the has_img_* flags). */
    public String vendor() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String npmPackage() {
        return "emoji-datasource-" + vendor();
    }

    public static EmojiStyle parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown emoji style '" + text + "', expected one of apple, google, facebook, twitter", e);
        }
    }
}
