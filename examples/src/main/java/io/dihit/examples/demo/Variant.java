package io.dihit.examples.demo;

import java.util.List;

/**
 * The paper's ablation ladder (DiHT Table 1 order): each variant adds one ingredient to the previous.
 *
 * @param label          row label in the report
 * @param hardNegatives  HN-NCE instead of InfoNCE
 * @param distillation   concept distillation from the frozen teacher
 * @param catFiltered    pre-train on the CAT-filtered manifest
 */
public record Variant(String label, boolean hardNegatives, boolean distillation, boolean catFiltered) {

    public static final Variant BASELINE = new Variant("InfoNCE (CLIP baseline)", false, false, false);
    public static final Variant HN_NCE = new Variant("+ HN-NCE", true, false, false);
    public static final Variant DISTILLATION = new Variant("+ concept distillation", true, true, false);
    public static final Variant FULL = new Variant("+ CAT (full DiHT)", true, true, true);

    public static final List<Variant> LADDER = List.of(BASELINE, HN_NCE, DISTILLATION, FULL);

    /** A short file-name-safe key: baseline, hnnce, distill, diht. */
    public String key() {
        if (catFiltered) {
            return "diht";
        }
        if (distillation) {
            return "distill";
        }
        return hardNegatives ? "hnnce" : "baseline";
    }
}
