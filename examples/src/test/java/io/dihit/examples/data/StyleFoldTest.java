package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StyleFoldTest {

    @Test
    void leaveOneStyleOutCoversEachStyleOnceAndTrainsOnTheOtherThree() {
        List<StyleFold> folds = StyleFold.leaveOneOut(4);
        assertEquals(List.of(EmojiStyle.TWITTER, EmojiStyle.GOOGLE, EmojiStyle.APPLE, EmojiStyle.FACEBOOK),
                folds.stream().map(StyleFold::heldOut).toList());
        Set<EmojiStyle> heldOut = new HashSet<>();
        for (StyleFold fold : folds) {
            heldOut.add(fold.heldOut());
            assertEquals(3, fold.trainStyles().size());
            assertFalse(fold.trainStyles().contains(fold.heldOut()));
        }
        assertEquals(Set.of(EmojiStyle.values()), heldOut);
        assertEquals(List.of(EmojiStyle.APPLE, EmojiStyle.GOOGLE, EmojiStyle.FACEBOOK), folds.get(0).trainStyles());
        assertEquals(List.of(EmojiStyle.APPLE, EmojiStyle.FACEBOOK, EmojiStyle.TWITTER), folds.get(1).trainStyles());
        assertEquals("heldout-google", folds.get(1).key());
    }

    @Test
    void oneFoldIsTheOriginalTwitterSplit() {
        StyleFold fold = StyleFold.leaveOneOut(1).get(0);
        assertEquals(EmojiManifests.EVAL_STYLE, fold.heldOut());
        assertEquals(EmojiManifests.TRAIN_STYLES, fold.trainStyles());
    }

    @Test
    void foldCountIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> StyleFold.leaveOneOut(0));
        assertThrows(IllegalArgumentException.class, () -> StyleFold.leaveOneOut(5));
    }
}
