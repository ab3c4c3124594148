package io.dihit.examples.demo;

import java.util.List;

/**
 * The paper's ablation ladder (DiHT Table 1 order): each variant adds one ingredient to the previous;
 * plus InfoNCE on the CAT-filtered set, which isolates the filter's effect on the baseline.
 *
 * @param label          row label in the report
 * @param hardNegatives  HN-NCE instead of InfoNCE
 * @param distillation   concept distillation from the frozen teacher
 * @param catFiltered    pre-train on the CAT-filtered manifest
 */
public record Variant(String label, boolean hardNegatives, boolean distillation, boolean catFiltered) {

    /** Two variants compared pair by pair over the replicates. */
    public record Comparison(String label, Variant before, Variant after) {
    }

    public static final Variant BASELINE = new Variant("InfoNCE (CLIP baseline)", false, false, false);
    public static final Variant HN_NCE = new Variant("+ HN-NCE", true, false, false);
    public static final Variant DISTILLATION = new Variant("+ concept distillation", true, true, false);
    public static final Variant FULL = new Variant("+ CAT (full DiHT)", true, true, true);
    public static final Variant CAT_ONLY = new Variant("InfoNCE on the CAT-filtered set", false, false, true);

    public static final List<Variant> LADDER = List.of(BASELINE, HN_NCE, DISTILLATION, FULL);

    /** What the demo trains for every replicate: the ladder, then the CAT control. */
    public static final List<Variant> ALL = List.of(BASELINE, HN_NCE, DISTILLATION, FULL, CAT_ONLY);

    /** Each ladder step against the previous, CAT on the baseline, and the whole ladder. */
    public static final List<Comparison> COMPARISONS = List.of(
            new Comparison("HN-NCE step", BASELINE, HN_NCE),
            new Comparison("distillation step", HN_NCE, DISTILLATION),
            new Comparison("CAT step", DISTILLATION, FULL),
            new Comparison("CAT on InfoNCE (noisy vs filtered)", BASELINE, CAT_ONLY),
            new Comparison("whole ladder (full DiHT vs baseline)", BASELINE, FULL));

    /** A short file-name-safe key: baseline, hnnce, distill, diht, infonce-cat. */
    public String key() {
        if (catFiltered && !hardNegatives && !distillation) {
            return "infonce-cat";
        }
        if (catFiltered) {
            return "diht";
        }
        if (distillation) {
            return "distill";
        }
        return hardNegatives ? "hnnce" : "baseline";
    }
}
