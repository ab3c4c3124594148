package io.dihit.examples.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Several alt-text-like captions per concept from its name, short names and keywords.
 *
 * <p>Half the templates are bare phrases ("grinning face", "smile, happy, joy") and half are sentences
 * with a verb and an object ("an emoji showing a grinning face"): web alt text has both kinds, and the
 * CAT filter is meant to tell them apart. Which templates and which keywords a concept gets depends
 * only on the seed and the concept id, so manifests are reproducible.
 */
public final class CaptionBuilder {

    /** A caption template; returns null when the concept lacks what the template needs. */
    private record Template(String label, Function<Slots, String> fill) {
    }

    /** The words a template can use, drawn once per concept. */
    private record Slots(String name, String shortName, List<String> keywords) {
        String keyword(int i) {
            return i < keywords.size() ? keywords.get(i) : null;
        }
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template("name", s -> s.name()),
            new Template("short name", s -> s.shortName()),
            new Template("name with keywords", s -> s.keyword(1) == null ? null
                    : s.name() + ": " + String.join(", ", s.keywords().subList(0, Math.min(3, s.keywords().size())))),
            new Template("keywords", s -> s.keyword(1) == null ? null
                    : String.join(" ", s.keywords().subList(0, Math.min(4, s.keywords().size())))),
            new Template("emoji showing", s -> "an emoji showing " + article(s.name()) + s.name()),
            new Template("icon depicting", s -> "a small icon depicting " + article(s.shortName()) + s.shortName()),
            new Template("sticker that means", s -> s.keyword(0) == null ? null
                    : "a sticker of " + article(s.name()) + s.name() + " that means " + s.keyword(0)),
            new Template("people use for", s -> s.keyword(1) == null ? null
                    : "people send " + article(s.shortName()) + s.shortName() + " to say " + s.keyword(0) + " or " + s.keyword(1)));

    private final int captionsPerConcept;

    public CaptionBuilder(int captionsPerConcept) {
        if (captionsPerConcept < 1 || captionsPerConcept > TEMPLATES.size()) {
            throw new IllegalArgumentException("captions per concept must be in [1, " + TEMPLATES.size() + "]: " + captionsPerConcept);
        }
        this.captionsPerConcept = captionsPerConcept;
    }

    public int captionsPerConcept() {
        return captionsPerConcept;
    }

    /** Distinct captions for the concept, at most {@link #captionsPerConcept()}, the same for the same seed. */
    public List<String> captions(EmojiConcept concept, long seed) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L ^ concept.id().hashCode());
        List<String> shortNames = concept.shortNames().isEmpty() ? List.of(concept.name()) : concept.shortNames();
        List<String> keywords = new ArrayList<>(concept.keywords());
        Collections.shuffle(keywords, random);
        Slots slots = new Slots(concept.name(), shortNames.get(random.nextInt(shortNames.size())), keywords);
        List<Template> order = new ArrayList<>(TEMPLATES);
        Collections.shuffle(order, random);
        Set<String> captions = new LinkedHashSet<>();
        for (Template template : order) {
            if (captions.size() == captionsPerConcept) {
                break;
            }
            String caption = template.fill().apply(slots);
            if (caption != null && !caption.isBlank()) {
                captions.add(caption);
            }
        }
        return List.copyOf(captions);
    }

    private static String article(String noun) {
        if (noun.startsWith("a ") || noun.startsWith("an ") || noun.startsWith("the ")) {
            return "";
        }
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
    }
}
