package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dihit.filter.CatDecision;
import io.dihit.filter.CatFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/library.md, "CAT on in-memory data": the CAT rule over the emoji training captions held in memory. */
class CatOnCaptionsTest extends SnippetTest {

    @Test
    void scoresEveryCaptionAndKeepsTheOnesThatDescribeAnAction() throws Exception {
        EmojiData data = EmojiData.get();
        List<String> captions = data.trainRows.stream().map(EmojiData.Row::caption).toList();
        printed = Printed.capture();
        // --- docs/library.md "CAT on in-memory data" ---
        List<CatDecision> decisions;
        try (CatFilter cat = CatFilter.builder().build()) {            // loads the ClearNLP models once per JVM
            decisions = cat.score(captions);
        }
        for (CatDecision d : decisions.subList(0, 3)) {
            System.out.println((d.kept() ? "kept " : "rejected (" + d.reasonLabel() + ") ") + d.caption());
        }
        // --- end of snippet ---
        List<String> lines = printed.stop();

        assertEquals(captions.size(), decisions.size(), "one decision per caption");
        long kept = 0;
        for (int i = 0; i < captions.size(); i++) {
            CatDecision d = decisions.get(i);
            assertEquals(captions.get(i), d.caption(), "decisions come in input order");
            assertEquals(d.reasons().isEmpty(), d.kept());
            kept += d.kept() ? 1 : 0;
        }
        // the first emoji, in its three captions: an entity with an attribute doing something is kept,
        // the bare name ("monkey face": an attribute, no action) is not
        assertEquals(List.of(
                        "kept a cartoon monkey face sitting on a white background",
                        "rejected (actions) monkey face",
                        "kept a smiling monkey face waving at the camera"),
                lines);
        assertEquals(CommandLineRecipeTest.KEPT_BY_CAT, kept, "as many as dihit filter keeps of the same captions");
    }
}
