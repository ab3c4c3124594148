package io.dihit.core.model;

/** Argument checks shared by the config records. */
final class Checks {
    private Checks() {
    }

    static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
