package io.dihit.examples.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the demo's offline data lives: the folder {@code scripts/fetch-data.sh} fills.
 * Resolution order: system property {@code dihit.data.dir}, environment {@code DIHIT_DATA_DIR},
 * {@code <project>/data} with the project from system property {@code dihit.project.dir}, else the
 * nearest parent of the working directory that holds {@code scripts/fetch-data.sh}.
 */
public record DataLayout(Path root) {

    public static final String FETCH_HINT = "run scripts/fetch-data.sh (or `bin/dihit fetch-data`) first";

    public DataLayout {
        if (root == null) {
            throw new IllegalArgumentException("data root must not be null");
        }
        root = root.toAbsolutePath().normalize();
    }

    public static DataLayout locate() {
        String property = System.getProperty("dihit.data.dir");
        if (property != null && !property.isBlank()) {
            return new DataLayout(Paths.get(property));
        }
        String env = System.getenv("DIHIT_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return new DataLayout(Paths.get(env));
        }
        return new DataLayout(projectDir().resolve("data"));
    }

    /** The project checkout: {@code dihit.project.dir}, else the nearest parent holding scripts/fetch-data.sh. */
    public static Path projectDir() {
        String property = System.getProperty("dihit.project.dir");
        if (property != null && !property.isBlank()) {
            return Paths.get(property).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/fetch-data.sh"))) {
                return p;
            }
        }
        return dir;
    }

    public Path npmModules() {
        return root.resolve("npm/node_modules");
    }

    public Path emojiJson() {
        return npmModules().resolve("emoji-datasource/emoji.json");
    }

    public Path emojilibJson() {
        return npmModules().resolve("emojilib/dist/emoji-en-US.json");
    }

    /** The 64 px PNG of one emoji in one artist's style. */
    public Path styleImage(EmojiStyle style, String imageFile) {
        return npmModules().resolve(style.npmPackage()).resolve("img").resolve(style.vendor()).resolve("64").resolve(imageFile);
    }

    public Path fashionMnistDir() {
        return root.resolve("fashion-mnist");
    }

    /** Every file the emoji catalog needs; empty when all are there. */
    public List<Path> missingEmojiFiles() {
        List<Path> missing = new ArrayList<>();
        for (Path p : List.of(emojiJson(), emojilibJson())) {
            if (!Files.isRegularFile(p)) {
                missing.add(p);
            }
        }
        for (EmojiStyle style : EmojiStyle.values()) {
            Path dir = npmModules().resolve(style.npmPackage()).resolve("img").resolve(style.vendor()).resolve("64");
            if (!Files.isDirectory(dir)) {
                missing.add(dir);
            }
        }
        return missing;
    }

    public boolean hasEmojiData() {
        return missingEmojiFiles().isEmpty();
    }

    public boolean hasFashionMnist() {
        return Files.isRegularFile(fashionMnistDir().resolve("t10k-images-idx3-ubyte.gz"))
                && Files.isRegularFile(fashionMnistDir().resolve("train-labels-idx1-ubyte.gz"));
    }

    /** Throws with the fetch hint when the emoji data is not there. */
    public void requireEmojiData() {
        List<Path> missing = missingEmojiFiles();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("emoji data missing under " + root + " (" + missing.get(0) + "): " + FETCH_HINT);
        }
    }
}
