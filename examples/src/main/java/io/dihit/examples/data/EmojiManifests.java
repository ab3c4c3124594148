package io.dihit.examples.data;

import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.ManifestWriter;
import io.dihit.core.data.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The demo's manifests: pre-training pairs in the training styles (one row per image and caption),
 * the held-out style's images captioned with the concept names (retrieval ground truth), and a
 * concept table with the labels the evaluations and the teacher use.
 */
public final class EmojiManifests {

    public static final List<EmojiStyle> TRAIN_STYLES = List.of(EmojiStyle.APPLE, EmojiStyle.GOOGLE, EmojiStyle.FACEBOOK);
    public static final EmojiStyle EVAL_STYLE = EmojiStyle.TWITTER;
    public static final List<String> CONCEPT_HEADER = List.of("id", "name", "category", "subcategory", "short_names", "keywords");

    /** Where the manifests went and how many rows each has. */
    public record Written(Path train, Path eval, Path concepts, int trainRows, int evalRows, int conceptRows) {
    }

    private final DataLayout layout;
    private final CaptionBuilder captions;
    private final long seed;

    public EmojiManifests(DataLayout layout, CaptionBuilder captions, long seed) {
        this.layout = layout;
        this.captions = captions;
        this.seed = seed;
    }

    /** Row id: style, concept and caption index, e.g. {@code apple/1f600/2}. */
    public static String rowId(EmojiStyle style, EmojiConcept concept, int captionIndex) {
        return style.vendor() + "/" + concept.id() + "/" + captionIndex;
    }

    /** A manifest row; every field must have text (the core record only rules out nulls). */
    static ImageTextRecord row(String id, String image, String caption) {
        if (id == null || id.isBlank() || image == null || image.isBlank() || caption == null || caption.isBlank()) {
            throw new IllegalArgumentException("manifest row needs id, image and caption: " + id);
        }
        return new ImageTextRecord(id, image, caption);
    }

    /** Every concept's captions in each of {@code styles} (in {@link EmojiStyle} order). */
    public List<ImageTextRecord> trainRows(List<EmojiConcept> concepts, Set<EmojiStyle> styles) {
        List<ImageTextRecord> rows = new ArrayList<>();
        for (EmojiStyle style : EmojiStyle.values()) {
            if (!styles.contains(style)) {
                continue;
            }
            for (EmojiConcept concept : concepts) {
                String image = layout.styleImage(style, concept.imageFile()).toString();
                List<String> texts = captions.captions(concept, seed);
                for (int i = 0; i < texts.size(); i++) {
                    rows.add(row(rowId(style, concept, i), image, texts.get(i)));
                }
            }
        }
        return rows;
    }

    public List<ImageTextRecord> evalRows(List<EmojiConcept> concepts) {
        return concepts.stream()
                .map(c -> row(rowId(EVAL_STYLE, c, 0), layout.styleImage(EVAL_STYLE, c.imageFile()).toString(), c.name()))
                .toList();
    }

    public static List<List<String>> conceptTable(List<EmojiConcept> concepts) {
        return concepts.stream()
                .map(c -> List.of(c.id(), c.name(), c.category(), c.subcategory(),
                        String.join("|", c.shortNames()), String.join("|", c.keywords())))
                .toList();
    }

    /** Writes train.csv, eval-twitter.csv and concepts.csv into {@code dir}. */
    public Written write(Path dir, List<EmojiConcept> concepts) {
        List<ImageTextRecord> train = trainRows(concepts, Set.copyOf(TRAIN_STYLES));
        List<ImageTextRecord> eval = evalRows(concepts);
        Path trainFile = dir.resolve("train.csv");
        Path evalFile = dir.resolve("eval-" + EVAL_STYLE.vendor() + ".csv");
        Path conceptFile = dir.resolve("concepts.csv");
        writeManifest(trainFile, train);
        writeManifest(evalFile, eval);
        CsvTable.write(conceptFile, CONCEPT_HEADER, conceptTable(concepts));
        return new Written(trainFile, evalFile, conceptFile, train.size(), eval.size(), concepts.size());
    }

    /** Image paths are written relative to the manifest's folder; the core reader resolves them back. */
    public static void writeManifest(Path file, List<ImageTextRecord> rows) {
        try (ManifestWriter out = Manifests.write(file, List.of())) {
            for (ImageTextRecord row : rows) {
                out.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
