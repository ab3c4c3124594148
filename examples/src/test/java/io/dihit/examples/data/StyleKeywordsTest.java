package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StyleKeywordsTest {

    @Test
    void hyphenatedColourTilesNameAStyle() {
        assertTrue(StyleKeywords.namesStyle("blue-square"));
        assertTrue(StyleKeywords.namesStyle("red-circle"));
        assertTrue(StyleKeywords.namesStyle(" Purple-Square "));
    }

    @Test
    void conceptNamesAndOrdinaryWordsAreKept() {
        assertFalse(StyleKeywords.namesStyle("red_square"), "the 🟥 concept's own name");
        assertFalse(StyleKeywords.namesStyle("square"));
        assertFalse(StyleKeywords.namesStyle("squared"));
        assertFalse(StyleKeywords.namesStyle("blue"));
        assertFalse(StyleKeywords.namesStyle("times-square"));
    }
}
