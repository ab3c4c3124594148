package io.dihit.filter.ocr;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link TesseractSpotter}.
 *
 * @param executable      the tesseract command (Debian {@code tesseract-ocr}: {@code tesseract})
 * @param language        traineddata to use (Debian {@code tesseract-ocr-eng}: {@code eng})
 * @param pageSegMode     tesseract {@code --psm}; 11 ("sparse text, as much as possible, no order")
 *                        suits pictures with a few scattered words
 * @param minSide         images are upscaled (bilinear) so their shorter side is at least this;
 *                        tesseract wants letters some 20-30 px high
 * @param paddingFraction white border added first, as a fraction of the shorter side
 * @param timeout         a tesseract run taking longer is killed and the image counts as failed
 */
public record TesseractConfig(String executable, String language, int pageSegMode, int minSide,
                              double paddingFraction, Duration timeout) {
    public static final TesseractConfig DEFAULT = new TesseractConfig("tesseract", "eng", 11, 256, 0.125, Duration.ofSeconds(30));

    public TesseractConfig {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeout, "timeout");
        if (executable.isBlank() || !language.matches("[A-Za-z_+]+")) {
            throw new IllegalArgumentException("bad executable or language: '" + executable + "', '" + language + "'");
        }
        if (pageSegMode < 0 || pageSegMode > 13) {
            throw new IllegalArgumentException("pageSegMode must be in [0, 13], got " + pageSegMode);
        }
        if (minSide < 1 || !(paddingFraction >= 0 && paddingFraction <= 1) || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("need minSide >= 1, paddingFraction in [0, 1], positive timeout");
        }
    }

    public TesseractConfig withPageSegMode(int psm) {
        return new TesseractConfig(executable, language, psm, minSide, paddingFraction, timeout);
    }

    public TesseractConfig withMinSide(int side) {
        return new TesseractConfig(executable, language, pageSegMode, side, paddingFraction, timeout);
    }
}
