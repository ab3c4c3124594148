package io.dihit.filter.job;

import java.util.Locale;

/** What a filter job does with a row whose id an earlier row of the job already had. Either way they are counted. */
public enum DuplicateIds {
    /** The first row with an id is scored; later ones fail with reason {@code duplicate_id} (listed in failed.jsonl). */
    KEEP_FIRST,
    /** Every row is scored; duplicates are only counted ({@code counts.duplicateIds} in summary.json). */
    KEEP_ALL;

    /** The option value: {@code keep-first} or {@code keep-all}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DuplicateIds parse(String label) {
        for (DuplicateIds d : values()) {
            if (d.label().equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("--duplicate-ids must be keep-first or keep-all, got " + label);
    }
}
