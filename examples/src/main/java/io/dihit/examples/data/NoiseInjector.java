package io.dihit.examples.data;

import io.dihit.core.data.ImageTextRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Adds the web failures the CAT filter is designed to remove on top of clean emoji pairs, at configurable
 * rates, deterministically from a seed. Each kind's count is {@code round(rate x clean rows)}; the images
 * are drawn uniformly from the clean rows' images. The kinds (see {@link NoiseKind}):
 * <ul>
 *   <li>text-in-image: a concept name of at most three words drawn into a random image
 *       ({@link TextInImage}), the caption a sentence quoting it ("a poster that reads party popper"); id
 *       {@code <style>/<concept>~t<i>/0}, so the image has its own key;</li>
 *   <li>uninformative: a file name, "image", "stock photo", a product code or a single word on a random
 *       image; id {@code <style>/<concept>/u<i>};</li>
 *   <li>mismatched: a clean caption of another concept on a random image; id {@code <style>/<concept>/m<i>}.</li>
 * </ul>
 * The kind of every row goes to a side table ({@link Injected#kinds()}), never into the manifest the
 * filter reads.
 */
public final class NoiseInjector {

    /**
     * Rates of each kind as a fraction of the clean rows (0 turns a kind off).
     *
     * @param textInImage   text-in-image pairs per clean pair
     * @param uninformative uninformative alt texts per clean pair
     * @param mismatched    mismatched captions per clean pair
     */
    public record Rates(double textInImage, double uninformative, double mismatched) {

        public static final Rates NONE = new Rates(0, 0, 0);

        public Rates {
            for (double r : new double[] {textInImage, uninformative, mismatched}) {
                if (!(r >= 0 && r <= 1)) {
                    throw new IllegalArgumentException("noise rates must be in [0, 1]: " + r);
                }
            }
        }

        public double of(NoiseKind kind) {
            return switch (kind) {
                case CLEAN -> 1;
                case TEXT_IN_IMAGE -> textInImage;
                case UNINFORMATIVE -> uninformative;
                case MISMATCHED -> mismatched;
            };
        }
    }

    /** The clean rows followed by the injected ones, and the kind of every row by id. */
    public record Injected(List<ImageTextRecord> rows, Map<String, NoiseKind> kinds) {

        public Injected {
            rows = List.copyOf(rows);
            kinds = Map.copyOf(kinds);
        }

        public Map<NoiseKind, Integer> counts() {
            Map<NoiseKind, Integer> counts = new EnumMap<>(NoiseKind.class);
            for (NoiseKind kind : NoiseKind.values()) {
                counts.put(kind, 0);
            }
            kinds.values().forEach(k -> counts.merge(k, 1, Integer::sum));
            return counts;
        }
    }

    private static final List<String> POSTER_TEMPLATES = List.of("a poster that reads %s", "a card saying %s",
            "a sign that says %s", "a picture with the words %s written on it");
    private static final List<String> SINGLE_WORDS = List.of("image", "photo", "picture", "stock photo", "untitled", "thumbnail",
            "icon", "download", "graphic", "clipart");
    private static final int MAX_DRAWN_WORDS = 3;

    private final Rates rates;
    private final long seed;
    private final Path imageDir;

    /**
     * @param rates    per-kind rates
     * @param seed     the only source of randomness
     * @param imageDir where the text-in-image PNGs are written
     */
    public NoiseInjector(Rates rates, long seed, Path imageDir) {
        if (rates == null || imageDir == null) {
            throw new IllegalArgumentException("noise rates and image folder are required");
        }
        this.rates = rates;
        this.seed = seed;
        this.imageDir = imageDir;
    }

    public Rates rates() {
        return rates;
    }

    /** The clean rows (ids {@code <style>/<concept>/<n>} of {@code concepts}) plus the injected noise. */
    public Injected inject(List<ImageTextRecord> clean, List<EmojiConcept> concepts) {
        Map<String, EmojiConcept> byId = new LinkedHashMap<>();
        concepts.forEach(c -> byId.put(c.id(), c));
        List<String> drawable = concepts.stream().map(EmojiConcept::name)
                .filter(n -> n.split("\\s+").length <= MAX_DRAWN_WORDS).toList();
        if (clean.isEmpty() || drawable.isEmpty()) {
            throw new IllegalArgumentException("noise needs clean rows and concepts with short names");
        }
        List<ImageTextRecord> rows = new ArrayList<>(clean);
        Map<String, NoiseKind> kinds = new LinkedHashMap<>();
        for (ImageTextRecord r : clean) {
            conceptOf(r, byId);
            if (kinds.put(r.id(), NoiseKind.CLEAN) != null) {
                throw new IllegalArgumentException("duplicate row id " + r.id());
            }
        }
        if (count(NoiseKind.MISMATCHED, clean.size()) > 0 && clean.stream().map(r -> conceptOf(r, byId)).distinct().count() < 2) {
            throw new IllegalArgumentException("mismatched captions need clean rows of at least two concepts");
        }
        Random random = new Random(seed);
        for (int i = 0; i < count(NoiseKind.TEXT_IN_IMAGE, clean.size()); i++) {
            ImageTextRecord base = clean.get(random.nextInt(clean.size()));
            String key = imageKey(base) + "~t" + i;
            String words = pickOther(drawable, byId.get(conceptOf(base, byId)).name(), random);
            String caption = String.format(Locale.ROOT, POSTER_TEMPLATES.get(random.nextInt(POSTER_TEMPLATES.size())), words);
            Path image = imageDir.resolve(key.replace('/', '-') + ".png");
            try {
                TextInImage.render(Path.of(base.image()), words, image);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot draw text into " + base.image(), e);
            }
            add(rows, kinds, new ImageTextRecord(key + "/0", image.toString(), caption), NoiseKind.TEXT_IN_IMAGE);
        }
        for (int i = 0; i < count(NoiseKind.UNINFORMATIVE, clean.size()); i++) {
            ImageTextRecord base = clean.get(random.nextInt(clean.size()));
            add(rows, kinds, new ImageTextRecord(imageKey(base) + "/u" + i, base.image(), uninformative(random)), NoiseKind.UNINFORMATIVE);
        }
        for (int i = 0; i < count(NoiseKind.MISMATCHED, clean.size()); i++) {
            ImageTextRecord base = clean.get(random.nextInt(clean.size()));
            ImageTextRecord other = base;
            while (conceptOf(other, byId).equals(conceptOf(base, byId))) {
                other = clean.get(random.nextInt(clean.size()));
            }
            add(rows, kinds, new ImageTextRecord(imageKey(base) + "/m" + i, base.image(), other.caption()), NoiseKind.MISMATCHED);
        }
        return new Injected(rows, kinds);
    }

    int count(NoiseKind kind, int cleanRows) {
        return (int) Math.round(rates.of(kind) * cleanRows);
    }

    private static void add(List<ImageTextRecord> rows, Map<String, NoiseKind> kinds, ImageTextRecord row, NoiseKind kind) {
        rows.add(row);
        kinds.put(row.id(), kind);
    }

    /** File names, "image", product codes, single words: alt text that names nothing in the picture. */
    static String uninformative(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> String.format(Locale.ROOT, "IMG_%04d.jpg", random.nextInt(10_000));
            case 1 -> String.format(Locale.ROOT, "DSC%05d.JPG", random.nextInt(100_000));
            case 2 -> String.format(Locale.ROOT, "SKU-%06d", random.nextInt(1_000_000));
            case 3 -> String.format(Locale.ROOT, "B0%08X", random.nextInt(Integer.MAX_VALUE));
            default -> SINGLE_WORDS.get(random.nextInt(SINGLE_WORDS.size()));
        };
    }

    private static String pickOther(List<String> names, String avoid, Random random) {
        String name = names.get(random.nextInt(names.size()));
        while (name.equals(avoid) && names.size() > 1) {
            name = names.get(random.nextInt(names.size()));
        }
        return name;
    }

    /** {@code <style>/<concept>} of a clean row id {@code <style>/<concept>/<n>}. */
    private static String imageKey(ImageTextRecord r) {
        return r.id().substring(0, r.id().lastIndexOf('/'));
    }

    private static String conceptOf(ImageTextRecord r, Map<String, EmojiConcept> byId) {
        String[] parts = r.id().split("/");
        if (parts.length != 3 || !byId.containsKey(parts[1])) {
            throw new IllegalArgumentException("row id '" + r.id() + "' is not <style>/<concept>/<n> of this catalog");
        }
        return parts[1];
    }

    /** Writes the side table {@code id,kind} of every row. */
    public static void writeKinds(Path file, Map<String, NoiseKind> kinds, List<ImageTextRecord> order) {
        CsvTable.write(file, List.of("id", "kind"), order.stream().map(r -> List.of(r.id(), kinds.get(r.id()).label())).toList());
    }
}
