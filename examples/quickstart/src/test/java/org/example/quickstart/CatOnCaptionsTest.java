package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.filter.CatDecision;
import io.dihit.filter.CatFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/library.md, "CAT on in-memory data": the CAT rule over the emoji training captions held in memory. */
class CatOnCaptionsTest {

    @Test
    void scoresEveryCaptionAndKeepsTheOnesThatDescribeAnAction() throws Exception {
        EmojiData data = EmojiData.get();
        List<String> captions = data.trainRows.stream().map(EmojiData.Row::caption).toList();
        // --- docs/library.md "CAT on in-memory data" ---
        List<CatDecision> decisions;
        try (CatFilter cat = CatFilter.builder().build()) {            // loads the ClearNLP models once per JVM
            decisions = cat.score(captions);
        }
        for (CatDecision d : decisions.subList(0, 3)) {
            System.out.println((d.kept() ? "kept " : "rejected (" + d.reasonLabel() + ") ") + d.caption());
        }
        // --- end of snippet ---

        assertEquals(captions.size(), decisions.size(), "one decision per caption");
        for (int i = 0; i < captions.size(); i++) {
            CatDecision d = decisions.get(i);
            assertEquals(captions.get(i), d.caption());
            assertEquals(d.reasons().isEmpty(), d.kept());
            // the bare names ("dog face") describe no action: every one is rejected for it
            if (i % EmojiData.TRAIN_STYLES.size() == 1) {
                assertFalse(d.kept(), d.toString());
                assertTrue(d.reasonLabel().contains("actions"), d.toString());
            }
        }
        // "a cartoon dog face sitting on a white background": one thing with an attribute, doing something
        assertTrue(decisions.get(0).kept(), decisions.get(0).toString());
    }
}
