package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expected counts were taken from emoji-datasource 16.0.0 and emojilib 4.0.3 with node, independently of this code. */
class EmojiCatalogTest {

    private static EmojiCatalog catalog;
    private static Map<String, EmojiConcept> byId;

    @BeforeAll
    static void load() {
        catalog = EmojiCatalog.load(RequiredData.emoji());
        byId = catalog.concepts().stream().collect(Collectors.toMap(EmojiConcept::id, Function.identity()));
    }

    @Test
    void keepsTheConceptsDrawnInAllFourStyles() {
        EmojiCatalog.LoadReport report = catalog.report();
        assertEquals(1911, report.read());
        assertEquals(1857, catalog.size());
        assertEquals(1911 - 1857, report.notInAllStyles());
        assertEquals(0, report.missingImageFile());
        assertEquals(report.read(), report.kept() + report.notInAllStyles() + report.missingImageFile());
        assertFalse(byId.containsKey("0023-fe0f-20e3"), "hash keycap has no facebook image");
    }

    @Test
    void tenCategoriesAndNinetyNineSubcategories() {
        assertEquals(10, catalog.categories().size());
        assertTrue(catalog.categories().contains("Smileys & Emotion"));
        assertEquals(99, catalog.subcategories().size());
    }

    @Test
    void namesAreUniqueEvenWhereUnicodeRepeatsOne() {
        Set<String> names = new HashSet<>();
        catalog.concepts().forEach(c -> assertTrue(names.add(c.name()), "duplicate name " + c.name()));
        assertEquals("man in tuxedo", byId.get("1f935-200d-2642-fe0f").name());
        assertEquals("person in tuxedo", byId.get("1f935").name());
    }

    @Test
    void grinningFaceHasItsLabelsAndWordKeywords() {
        EmojiConcept grinning = byId.get("1f600");
        assertEquals("grinning face", grinning.name());
        assertEquals("Smileys & Emotion", grinning.category());
        assertEquals("face-smiling", grinning.subcategory());
        assertTrue(grinning.shortNames().contains("grinning"));
        assertTrue(grinning.keywords().containsAll(Set.of("smile", "happy", "joy", "grin")), grinning.keywords().toString());
        assertFalse(grinning.keywords().contains(":d"), "emoticons are not words");
        assertFalse(grinning.keywords().contains("grinning face"), "the name is not repeated as a keyword");
    }

    @Test
    void styleKeywordsAreDropped() {
        // 111 emojilib keywords on these concepts are colour-tile tags (63 of them blue-square).
        assertEquals(111, catalog.report().styleKeywordsDropped());
        EmojiConcept cool = byId.get("1f192");
        assertEquals("squared cool", cool.name());
        assertFalse(cool.keywords().contains("blue square"), cool.keywords().toString());
        for (EmojiConcept c : catalog.concepts()) {
            for (String k : c.keywords()) {
                assertFalse(k.matches("(red|orange|yellow|green|blue|purple|pink|brown|black|white) (square|circle)")
                        && !c.name().contains(k) && !String.join(" ", c.shortNames()).contains(k),
                        c.name() + " keeps style keyword " + k);
            }
        }
        assertTrue(byId.get("1f7e5").keywords().contains("red square"), "the red square concept keeps its emojilib name red_square");
    }

    @Test
    void everyImageIsOnDiskInEveryStyle() {
        DataLayout layout = RequiredData.emoji();
        for (EmojiConcept c : catalog.concepts().subList(0, 50)) {
            for (EmojiStyle style : EmojiStyle.values()) {
                assertTrue(Files.isRegularFile(layout.styleImage(style, c.imageFile())), c.id() + " " + style);
            }
        }
    }

    @Test
    void frequentKeywordsAreSortedByConceptCount() {
        var frequent = catalog.frequentKeywords(100);
        assertEquals("flag", frequent.get(0));
        assertTrue(frequent.contains("face"));
    }
}
