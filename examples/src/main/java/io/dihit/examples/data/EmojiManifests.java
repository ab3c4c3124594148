package io.dihit.examples.data;

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

    public List<ManifestWriter.Row> trainRows(List<EmojiConcept> concepts, Set<EmojiStyle> styles) {
        List<ManifestWriter.Row> rows = new ArrayList<>();
        for (EmojiStyle style : TRAIN_STYLES) {
            if (!styles.contains(style)) {
                continue;
            }
            for (EmojiConcept concept : concepts) {
                String image = layout.styleImage(style, concept.imageFile()).toString();
                List<String> texts = captions.captions(concept, seed);
                for (int i = 0; i < texts.size(); i++) {
                    rows.add(new ManifestWriter.Row(rowId(style, concept, i), image, texts.get(i)));
                }
            }
        }
        return rows;
    }

    public List<ManifestWriter.Row> evalRows(List<EmojiConcept> concepts) {
        return concepts.stream()
                .map(c -> new ManifestWriter.Row(rowId(EVAL_STYLE, c, 0), layout.styleImage(EVAL_STYLE, c.imageFile()).toString(), c.name()))
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
        List<ManifestWriter.Row> train = trainRows(concepts, Set.copyOf(TRAIN_STYLES));
        List<ManifestWriter.Row> eval = evalRows(concepts);
        Path trainFile = dir.resolve("train.csv");
        Path evalFile = dir.resolve("eval-" + EVAL_STYLE.vendor() + ".csv");
        Path conceptFile = dir.resolve("concepts.csv");
        ManifestWriter.writeManifest(trainFile, train);
        ManifestWriter.writeManifest(evalFile, eval);
        ManifestWriter.writeTable(conceptFile, CONCEPT_HEADER, conceptTable(concepts));
        return new Written(trainFile, evalFile, conceptFile, train.size(), eval.size(), concepts.size());
    }
}
