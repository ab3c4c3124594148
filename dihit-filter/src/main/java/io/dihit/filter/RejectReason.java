package io.dihit.filter;

/** Why the CAT rule rejected a sample; a sample can fail several parts at once. */
public enum RejectReason {
    /** Complexity below the threshold. */
    COMPLEXITY("complexity"),
    /** Fewer actions than the threshold. */
    ACTIONS("actions"),
    /** The image shows text that also appears in the caption. */
    TEXT_MATCH("text_match");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** The name used in output files. */
    public String label() {
        return label;
    }
}
