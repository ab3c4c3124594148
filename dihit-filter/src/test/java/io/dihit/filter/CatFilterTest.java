package io.dihit.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatFilterTest {

    @Test
    void theDocumentedSnippetScoresCaptionsInMemory() {
        // The snippet of docs/filter.md, "CAT on in-memory data", verbatim:
        try (CatFilter cat = CatFilter.builder().build()) {
            List<CatDecision> d = cat.score(List.of("a dog runs on the beach", "image"));

            assertEquals(2, d.size());
            assertTrue(d.get(0).kept(), d.get(0).toString());
            assertEquals(1, d.get(0).scores().actions());
            assertFalse(d.get(1).kept());
            assertEquals("complexity+actions", d.get(1).reasonLabel());
            assertEquals("complexity>=1 & actions>=1", cat.rule().describe());
            assertThrows(IllegalArgumentException.class, () -> cat.score(List.of("a"), List.of()));
        }
    }
}
