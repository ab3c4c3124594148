package io.dihit.filter.job;

import io.dihit.filter.CatRule;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a {@link SampleProcessor} does, as written into summary.json; small and serializable, so a
 * Spark executor can report it to the driver, which never loads the models.
 *
 * @param parser      caption parser name
 * @param textSpotter OCR engine name ("none" without one)
 * @param imageCheck  the image check applied to rows ({@link SampleProcessor#imageCheck()})
 */
record ProcessorInfo(CatRule rule, String parser, String textSpotter, ImageCheck imageCheck) implements Serializable {
    public ProcessorInfo {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(textSpotter, "textSpotter");
        Objects.requireNonNull(imageCheck, "imageCheck");
    }
}
