package io.dihit.examples.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emoji concepts drawn in all four styles, read from emoji-datasource's {@code emoji.json} with
 * keywords from emojilib. A concept is kept when emoji.json says every style has an image and the
 * 64 px PNG is on disk for every style; everything else is counted in the {@link LoadReport}.
 */
public final class EmojiCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(EmojiCatalog.class);

    /** What loading saw: every emoji.json entry is kept or counted under one skip reason. */
    public record LoadReport(int read, int kept, int notInAllStyles, int missingImageFile, int styleKeywordsDropped,
                             int withoutKeywords) {
    }

    private final List<EmojiConcept> concepts;
    private final LoadReport report;

    private EmojiCatalog(List<EmojiConcept> concepts, LoadReport report) {
        this.concepts = List.copyOf(concepts);
        this.report = report;
    }

    public static EmojiCatalog load(DataLayout layout) {
        layout.requireEmojiData();
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode emoji = json.readTree(Files.readAllBytes(layout.emojiJson()));
            JsonNode emojilib = json.readTree(Files.readAllBytes(layout.emojilibJson()));
            return build(layout, emoji, emojilib);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emoji data under " + layout.root(), e);
        }
    }

    private static EmojiCatalog build(DataLayout layout, JsonNode emoji, JsonNode emojilib) {
        List<EmojiConcept> kept = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        int read = 0;
        int notInAllStyles = 0;
        int missingFile = 0;
        int styleDropped = 0;
        int withoutKeywords = 0;
        for (JsonNode entry : emoji) {
            read++;
            if (!hasAllStyles(entry)) {
                notInAllStyles++;
                continue;
            }
            String imageFile = entry.path("image").asText();
            if (!imageOnDiskForAllStyles(layout, imageFile)) {
                missingFile++;
                LOG.warn("skipping {}: image file {} missing for a style", entry.path("unified").asText(), imageFile);
                continue;
            }
            String unified = entry.path("unified").asText();
            List<String> shortNames = new ArrayList<>();
            for (JsonNode s : entry.path("short_names")) {
                shortNames.add(humanise(s.asText()));
            }
            String name = uniqueName(entry.path("name").asText().toLowerCase(Locale.ROOT), shortNames, unified, usedNames);
            Set<String> alreadySaid = new HashSet<>(shortNames);
            alreadySaid.add(name);
            List<String> keywords = new ArrayList<>();
            JsonNode raw = emojilib.path(toCharacters(unified));
            for (JsonNode k : raw) {
                String keyword = k.asText();
                if (StyleKeywords.namesStyle(keyword)) {
                    styleDropped++;
                    continue;
                }
                String normalised = humanise(keyword);
                if (isWordLike(normalised) && alreadySaid.add(normalised)) {
                    keywords.add(normalised);
                }
            }
            if (keywords.isEmpty()) {
                withoutKeywords++;
            }
            kept.add(new EmojiConcept(unified.toLowerCase(Locale.ROOT), name, shortNames,
                    entry.path("category").asText(), entry.path("subcategory").asText(), keywords, imageFile));
        }
        LoadReport report = new LoadReport(read, kept.size(), notInAllStyles, missingFile, styleDropped, withoutKeywords);
        LOG.info("emoji catalog: {}", report);
        return new EmojiCatalog(kept, report);
    }

    private static boolean hasAllStyles(JsonNode entry) {
        for (EmojiStyle style : EmojiStyle.values()) {
            if (!entry.path("has_img_" + style.vendor()).asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    private static boolean imageOnDiskForAllStyles(DataLayout layout, String imageFile) {
        if (imageFile.isBlank()) {
            return false;
        }
        for (EmojiStyle style : EmojiStyle.values()) {
            if (!Files.isRegularFile(layout.styleImage(style, imageFile))) {
                return false;
            }
        }
        return true;
    }

    /** Unicode names are unique except for a few re-used ones: fall back to a short name, then the code points. */
    private static String uniqueName(String unicodeName, List<String> shortNames, String unified, Set<String> used) {
        List<String> candidates = new ArrayList<>();
        candidates.add(unicodeName);
        candidates.addAll(shortNames);
        for (String candidate : candidates) {
            if (!candidate.isBlank() && used.add(candidate)) {
                return candidate;
            }
        }
        String fallback = unicodeName + " " + unified.toLowerCase(Locale.ROOT);
        used.add(fallback);
        return fallback;
    }

    /** emoji.json's {@code unified} ("1F1E6-1F1E8") as the emoji's characters, emojilib's key. */
    static String toCharacters(String unified) {
        StringBuilder sb = new StringBuilder();
        for (String hex : unified.split("-")) {
            sb.appendCodePoint(Integer.parseInt(hex, 16));
        }
        return sb.toString();
    }

    /** Short names and keywords use '_' and '-' between words; captions use spaces. */
    static String humanise(String token) {
        return token.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ");
    }

    /** Emoticon keywords such as ":D" are punctuation, not words: keep a keyword only if it starts with a letter or digit. */
    private static boolean isWordLike(String keyword) {
        return !keyword.isEmpty() && Character.isLetterOrDigit(keyword.codePointAt(0));
    }

    public List<EmojiConcept> concepts() {
        return concepts;
    }

    public int size() {
        return concepts.size();
    }

    public LoadReport report() {
        return report;
    }

    /** The categories in sorted order: a stable class index for classifiers. */
    public List<String> categories() {
        Set<String> set = new TreeSet<>();
        concepts.forEach(c -> set.add(c.category()));
        return List.copyOf(set);
    }

    public List<String> subcategories() {
        Set<String> set = new TreeSet<>();
        concepts.forEach(c -> set.add(c.subcategory()));
        return List.copyOf(set);
    }

    /** Keywords used by at least {@code minConcepts} concepts, most frequent first (ties by name). */
    public List<String> frequentKeywords(int minConcepts) {
        Map<String, Integer> counts = new HashMap<>();
        for (EmojiConcept c : concepts) {
            for (String k : new LinkedHashSet<>(c.keywords())) {
                counts.merge(k, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .filter(e -> e.getValue() >= minConcepts)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
