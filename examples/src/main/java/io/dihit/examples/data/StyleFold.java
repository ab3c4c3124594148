package io.dihit.examples.data;

import java.util.Arrays;
import java.util.List;

/**
 * One fold of the leave-one-style-out protocol: train on three emoji styles, evaluate on the fourth.
 * Folds are taken in the order twitter, google, apple, facebook, so one fold is the demo's original
 * split (held-out twitter) and more folds add the others.
 */
public record StyleFold(EmojiStyle heldOut) {

    /** The order in which folds are added. */
    public static final List<EmojiStyle> ORDER = List.of(EmojiStyle.TWITTER, EmojiStyle.GOOGLE, EmojiStyle.APPLE, EmojiStyle.FACEBOOK);

    public StyleFold {
        if (heldOut == null) {
            throw new IllegalArgumentException("a fold needs its held-out style");
        }
    }

    /** The first {@code count} leave-one-style-out folds (1 to 4). */
    public static List<StyleFold> leaveOneOut(int count) {
        if (count < 1 || count > ORDER.size()) {
            throw new IllegalArgumentException("folds must be in [1, " + ORDER.size() + "]: " + count);
        }
        return ORDER.subList(0, count).stream().map(StyleFold::new).toList();
    }

    /** The three styles this fold trains on, in {@link EmojiStyle} order. */
    public List<EmojiStyle> trainStyles() {
        return Arrays.stream(EmojiStyle.values()).filter(s -> s != heldOut).toList();
    }

    /** A file-name-safe name: "heldout-twitter". */
    public String key() {
        return "heldout-" + heldOut.vendor();
    }
}
