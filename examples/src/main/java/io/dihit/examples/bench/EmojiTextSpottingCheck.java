package io.dihit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.util.ParallelMap;
import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextMatch;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The real-data check of text spotting: emoji whose pictures show a Latin word ("parrot captions":
 * the word is also in the emoji's own name) must text-match their caption, and emoji without any
 * text must not. Images and names come from the npm packages {@code emoji-datasource@16.0.0} and
 * {@code emoji-datasource-<vendor>@16.0.0} installed under {@code <project>/data/npm/node_modules}.
 *
 * <p>Both lists are explicit and were chosen by looking at every google and twitter image of the
 * "Symbols", "Objects", "Travel &amp; Places", "Activities", "Smileys &amp; Emotion" and "Food &amp; Drink"
 * categories (docs/filter-ocr.md). It is a benchmark of OCR engines, so it lives with the examples,
 * not in the filter library. A caption is the emoji's name plus its short names (underscores
 * read as spaces), e.g. {@code "squared sos sos"}.
 */
public final class EmojiTextSpottingCheck {

    /** Emoji whose google and twitter pictures show a Latin word of two or more letters that is in the caption. */
    public static final List<String> TEXT_EMOJI = List.of(
            "1F18E", // AB (negative squared ab)
            "1F191", // CL
            "1F192", // COOL
            "1F193", // FREE
            "1F194", // ID
            "1F195", // NEW
            "1F196", // NG
            "1F197", // OK
            "1F198", // SOS
            "1F199", // UP!
            "1F19A", // VS
            "1F3E7", // ATM (automated teller machine, short name atm)
            "1F519", // BACK
            "1F51A", // END
            "1F51B", // ON!
            "1F51C", // SOON
            "1F51D", // TOP
            "1F520", // ABCD on two lines (short name capital_abcd)
            "1F521", // abcd on two lines
            "1F524", // abc
            "1F6BE", // WC (water closet, short name wc)
            "2122-FE0F", // TM (trade mark sign, short name tm)
            "1F4F4", // OFF (mobile phone off)
            "1F4A4"); // zzz (sleeping symbol, short name zzz)

    /** Shown in the google style only: "UNDER 18" (no one under eighteen symbol); twitter shows just 18. */
    public static final List<String> TEXT_EMOJI_GOOGLE_ONLY = List.of("1F51E");

    /** Categories whose pictures were checked to carry no text, apart from {@link #OTHER_TEXT_EMOJI}. */
    public static final Set<String> NO_TEXT_CATEGORIES = Set.of("Smileys & Emotion", "Animals & Nature", "Food & Drink");

    /** In those categories but showing text not in the caption (zzz, 100, {@code #%!&}): in neither list. */
    public static final Set<String> OTHER_TEXT_EMOJI = Set.of("1F634", "1F4AF", "1F92C");

    /** Image styles whose licences allow use here: google (Apache-2.0) and twitter (CC-BY-4.0). */
    public static final List<String> VENDORS = List.of("google", "twitter");

    /** One emoji picture with its caption. */
    public record Sample(String unified, String vendor, String caption, Path image, boolean showsCaptionText) {
        public String id() {
            return vendor + "/" + unified;
        }
    }

    /** The outcome for one sample. */
    public record Outcome(Sample sample, List<SpottedWord> spotted, TextMatch match) {
    }

    /** Rates over a list of outcomes. */
    public record Summary(int textSamples, int textMatched, int noTextSamples, int noTextMatched, int noTextWithWords,
                          List<Outcome> misses, List<Outcome> falseMatches) {
        public double textMatchRate() {
            return textSamples == 0 ? 0 : (double) textMatched / textSamples;
        }

        public double falseMatchRate() {
            return noTextSamples == 0 ? 0 : (double) noTextMatched / noTextSamples;
        }

        /** Share of no-text pictures where any word of two or more characters was spotted (stricter than a match). */
        public double noTextSpottedRate() {
            return noTextSamples == 0 ? 0 : (double) noTextWithWords / noTextSamples;
        }

        public String describe() {
            return String.format(Locale.ROOT,
                    "text emoji matched %d/%d (%.1f%%); no-text false matches %d/%d (%.2f%%), any word spotted %d/%d (%.1f%%)",
                    textMatched, textSamples, 100 * textMatchRate(), noTextMatched, noTextSamples, 100 * falseMatchRate(),
                    noTextWithWords, noTextSamples, 100 * noTextSpottedRate());
        }
    }

    private EmojiTextSpottingCheck() {
    }

    /** The emoji npm packages' root under a project directory. */
    public static Path nodeModules(Path projectDir) {
        return projectDir.resolve("data").resolve("npm").resolve("node_modules");
    }

    /**
     * Text emoji in both vendors, then no-text emoji: every {@code noTextStride}-th emoji (by the
     * standard sort order) of {@link #NO_TEXT_CATEGORIES}, in both vendors.
     */
    public static List<Sample> samples(Path nodeModules, int noTextStride) throws IOException {
        if (noTextStride < 1) {
            throw new IllegalArgumentException("noTextStride must be >= 1, got " + noTextStride);
        }
        Path index = nodeModules.resolve("emoji-datasource").resolve("emoji.json");
        if (!Files.isRegularFile(index)) {
            throw new IOException("missing " + index + " (install npm emoji-datasource@16.0.0, e.g. bash .ci/setup.d/20-ocr.sh)");
        }
        List<JsonNode> emoji = new ArrayList<>();
        new ObjectMapper().readTree(index.toFile()).forEach(emoji::add);
        emoji.sort(Comparator.comparingInt(e -> e.path("sort_order").asInt()));
        List<Sample> samples = new ArrayList<>();
        for (String vendor : VENDORS) {
            for (JsonNode e : emoji) {
                String unified = e.path("unified").asText();
                if (TEXT_EMOJI.contains(unified) || (vendor.equals("google") && TEXT_EMOJI_GOOGLE_ONLY.contains(unified))) {
                    samples.add(sample(nodeModules, e, vendor, true));
                }
            }
        }
        for (String vendor : VENDORS) {
            int seen = 0;
            for (JsonNode e : emoji) {
                String unified = e.path("unified").asText();
                if (NO_TEXT_CATEGORIES.contains(e.path("category").asText()) && !OTHER_TEXT_EMOJI.contains(unified)
                        && !TEXT_EMOJI.contains(unified) && seen++ % noTextStride == 0) {
                    samples.add(sample(nodeModules, e, vendor, false));
                }
            }
        }
        int expectedText = 2 * TEXT_EMOJI.size() + TEXT_EMOJI_GOOGLE_ONLY.size();
        long text = samples.stream().filter(Sample::showsCaptionText).count();
        if (text != expectedText) {
            throw new IOException("emoji.json lacks some listed text emoji: found " + text + " of " + expectedText);
        }
        return samples;
    }

    private static Sample sample(Path nodeModules, JsonNode e, String vendor, boolean showsText) throws IOException {
        StringBuilder caption = new StringBuilder(e.path("name").asText().toLowerCase(Locale.ROOT));
        e.path("short_names").forEach(n -> caption.append(' ').append(n.asText().replace('_', ' ')));
        Path image = nodeModules.resolve("emoji-datasource-" + vendor).resolve("img").resolve(vendor).resolve("64")
                .resolve(e.path("image").asText());
        if (!Files.isRegularFile(image)) {
            throw new IOException("missing " + image + " (install npm emoji-datasource-" + vendor + "@16.0.0)");
        }
        return new Sample(e.path("unified").asText(), vendor, caption.toString(), image, showsText);
    }

    /** Decodes an image file, failing clearly on anything ImageIO cannot read. */
    public static BufferedImage read(Path image) throws IOException {
        BufferedImage img = ImageIO.read(image.toFile());
        if (img == null) {
            throw new IOException("not a readable image: " + image);
        }
        return img;
    }

    /**
     * Runs the spotter on every sample with {@code threads} worker threads sharing it (spotters are
     * thread-safe) and compares with the captions; outcomes keep the samples' order.
     */
    public static List<Outcome> run(TextSpotter spotter, TextMatcher matcher, List<Sample> samples, int threads)
            throws IOException {
        return ParallelMap.map(samples, threads, "spotting-check", s -> {
            List<SpottedWord> spotted = spotter.spot(read(s.image()));
            return new Outcome(s, spotted, matcher.match(s.caption(), spotted));
        });
    }

    public static Summary summarise(List<Outcome> outcomes) {
        int text = 0, textMatched = 0, noText = 0, noTextMatched = 0, noTextWords = 0;
        List<Outcome> misses = new ArrayList<>();
        List<Outcome> falseMatches = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.sample().showsCaptionText()) {
                text++;
                if (o.match().matched()) {
                    textMatched++;
                } else {
                    misses.add(o);
                }
            } else {
                noText++;
                if (o.match().matched()) {
                    noTextMatched++;
                    falseMatches.add(o);
                }
                if (!o.match().spottedWords().isEmpty()) {
                    noTextWords++;
                }
            }
        }
        return new Summary(text, textMatched, noText, noTextMatched, noTextWords, misses, falseMatches);
    }
}
