package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.data.ImageTextRecord;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseInjectorTest {

    private static final NoiseInjector.Rates RATES = new NoiseInjector.Rates(0.1, 0.2, 0.3);

    /** 20 concepts x 2 styles x 5 captions = 200 clean rows, each image a 64 px coloured square. */
    private static List<EmojiConcept> concepts() {
        List<EmojiConcept> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(new EmojiConcept("c" + i, i % 2 == 0 ? "thing " + i : "big red thing " + i, List.of(), "cat", "sub",
                    List.of(), "c" + i + ".png"));
        }
        return out;
    }

    private static List<ImageTextRecord> clean(List<EmojiConcept> concepts, Path dir) throws Exception {
        List<ImageTextRecord> rows = new ArrayList<>();
        for (EmojiConcept c : concepts) {
            Path image = dir.resolve(c.imageFile());
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(c.id().hashCode() & 0xffffff));
            g.fillOval(4, 4, 56, 56);
            g.dispose();
            ImageIO.write(img, "png", image.toFile());
            for (String style : List.of("apple", "google")) {
                for (int n = 0; n < 5; n++) {
                    rows.add(new ImageTextRecord(style + "/" + c.id() + "/" + n, image.toString(), "caption " + n + " of " + c.name()));
                }
            }
        }
        return rows;
    }

    @Test
    void addsEachKindAtItsRateAndRecordsEveryRowsKind(@TempDir Path dir) throws Exception {
        List<EmojiConcept> concepts = concepts();
        List<ImageTextRecord> clean = clean(concepts, dir);
        NoiseInjector.Injected injected = new NoiseInjector(RATES, 5, dir.resolve("drawn")).inject(clean, concepts);

        assertEquals(200 + 20 + 40 + 60, injected.rows().size());
        assertEquals(Map.of(NoiseKind.CLEAN, 200, NoiseKind.TEXT_IN_IMAGE, 20, NoiseKind.UNINFORMATIVE, 40, NoiseKind.MISMATCHED, 60),
                injected.counts());
        assertEquals(clean, injected.rows().subList(0, 200), "clean rows first, unchanged");
        Set<String> ids = new HashSet<>();
        injected.rows().forEach(r -> assertTrue(ids.add(r.id()), "duplicate id " + r.id()));
        assertEquals(ids, injected.kinds().keySet(), "every row has a kind");

        for (ImageTextRecord r : injected.rows()) {
            NoiseKind kind = injected.kinds().get(r.id());
            String concept = r.id().split("/")[1].split("~")[0];
            switch (kind) {
                case TEXT_IN_IMAGE -> {
                    assertTrue(r.id().matches("(apple|google)/c\\d+~t\\d+/0"), r.id());
                    BufferedImage drawn = ImageIO.read(Path.of(r.image()).toFile());
                    assertEquals(TextInImage.SIZE, drawn.getWidth());
                    // the drawn words are another concept's name of at most three words ("thing <even k>")
                    var drawnName = java.util.regex.Pattern.compile("thing (\\d+)").matcher(r.caption());
                    assertTrue(drawnName.find() && !r.caption().contains("big"), r.caption());
                    int k = Integer.parseInt(drawnName.group(1));
                    assertTrue(k % 2 == 0 && !concept.equals("c" + k), r.toString());
                }
                case UNINFORMATIVE -> {
                    assertTrue(r.id().matches("(apple|google)/c\\d+/u\\d+"), r.id());
                    assertTrue(r.caption().matches("IMG_\\d{4}\\.jpg|DSC\\d{5}\\.JPG|SKU-\\d{6}|B0[0-9A-F]{8}|[a-z ]+"), r.caption());
                    assertTrue(Files.isRegularFile(Path.of(r.image())));
                }
                case MISMATCHED -> {
                    assertTrue(r.id().matches("(apple|google)/c\\d+/m\\d+"), r.id());
                    String captionConcept = r.caption().substring(r.caption().lastIndexOf(' ') + 1);
                    assertNotEquals(concept.substring(1), captionConcept, "another concept's caption: " + r);
                }
                case CLEAN -> assertTrue(r.id().matches("(apple|google)/c\\d+/\\d"), r.id());
            }
        }
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows(@TempDir Path dir) throws Exception {
        List<EmojiConcept> concepts = concepts();
        List<ImageTextRecord> clean = clean(concepts, dir);
        var a = new NoiseInjector(RATES, 5, dir.resolve("a")).inject(clean, concepts);
        var b = new NoiseInjector(RATES, 5, dir.resolve("b")).inject(clean, concepts);
        var c = new NoiseInjector(RATES, 6, dir.resolve("c")).inject(clean, concepts);
        assertEquals(a.kinds(), b.kinds());
        for (int i = 0; i < a.rows().size(); i++) {
            assertEquals(a.rows().get(i).id(), b.rows().get(i).id());
            assertEquals(a.rows().get(i).caption(), b.rows().get(i).caption());
        }
        assertNotEquals(a.rows().stream().map(ImageTextRecord::caption).toList(), c.rows().stream().map(ImageTextRecord::caption).toList());
    }

    @Test
    void zeroRatesAddNothingAndBadRatesFail(@TempDir Path dir) throws Exception {
        List<EmojiConcept> concepts = concepts();
        List<ImageTextRecord> clean = clean(concepts, dir);
        var none = new NoiseInjector(NoiseInjector.Rates.NONE, 1, dir).inject(clean, concepts);
        assertEquals(clean, none.rows());
        assertThrows(IllegalArgumentException.class, () -> new NoiseInjector.Rates(-0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NoiseInjector.Rates(0, 1.5, 0));
        List<ImageTextRecord> badId = List.of(new ImageTextRecord("apple-c1-0", clean.get(0).image(), "x"));
        assertThrows(IllegalArgumentException.class, () -> new NoiseInjector(RATES, 1, dir).inject(badId, concepts));
    }

    @Test
    void kindsSideTableListsEveryRow(@TempDir Path dir) throws Exception {
        List<EmojiConcept> concepts = concepts();
        var injected = new NoiseInjector(RATES, 5, dir.resolve("d")).inject(clean(concepts, dir), concepts);
        Path file = dir.resolve("kinds.csv");
        NoiseInjector.writeKinds(file, injected.kinds(), injected.rows());
        List<String> lines = Files.readAllLines(file);
        assertEquals("id,kind", lines.get(0));
        assertEquals(injected.rows().size() + 1, lines.size());
        assertEquals(injected.rows().get(250).id() + "," + injected.kinds().get(injected.rows().get(250).id()).label(), lines.get(251));
        assertEquals(NoiseKind.TEXT_IN_IMAGE, NoiseKind.parse("text-in-image"));
    }
}
