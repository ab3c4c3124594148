package io.dihit.examples.data;

import java.util.Locale;

/** What a pre-training pair is: a clean emoji caption or one of the injected web failures CAT targets. */
public enum NoiseKind {
    /** a generated caption of the pictured concept */
    CLEAN,
    /** the caption's words drawn into the image, the caption a sentence that quotes them (the T of CAT) */
    TEXT_IN_IMAGE,
    /** alt text that says nothing: file names, "image", "stock photo", product codes, single words */
    UNINFORMATIVE,
    /** another concept's caption on the image */
    MISMATCHED;

    /** The name in files and reports: clean, text-in-image, uninformative, mismatched. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static NoiseKind parse(String label) {
        for (NoiseKind kind : values()) {
            if (kind.label().equals(label.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown noise kind '" + label + "', expected clean, text-in-image, uninformative or mismatched");
    }
}
