package org.example.quickstart;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.data.TarShardWriter;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.text.BpeTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A small image-text set made from the emoji that {@code bin/dihit fetch-data} puts in the dihit checkout's
 * {@code data/} (system property {@code dihit.project.dir}), built once per test JVM under {@code target/}:
 * <ul>
 *   <li>{@link #CONCEPTS} animal and food emoji; their apple, google and twitter drawings with captions are the
 *   training set ({@link #trainManifest}, and the same rows as tar shards plus one sample whose image is not a
 *   PNG, {@link #shards});</li>
 *   <li>their facebook drawings, held out, in {@code root/<class name>/<image>} ({@link #heldOut});</li>
 *   <li>a BPE trained on the training captions ({@link #bpe}) and a tiny model config whose vocabulary fits it
 *   ({@link #modelJson}).</li>
 * </ul>
 */
final class EmojiData {
    static final int CONCEPTS = 60;
    static final List<String> TRAIN_STYLES = List.of("apple", "google", "twitter");
    static final String HELD_OUT_STYLE = "facebook";
    /** Captions by style: CAT keeps the first kind (a thing doing something), rejects the plain name. */
    private static final List<String> CAPTIONS = List.of(
            "a cartoon %s sitting on a white background", "%s", "a smiling %s waving at the camera");
    static final int VOCAB = 1024;

    record Row(String id, Path image, String caption) {}

    private static EmojiData built;

    final Path dir;
    final List<String> classNames = new ArrayList<>();
    final List<Row> trainRows = new ArrayList<>();
    final Path trainManifest;
    final List<Path> shards = new ArrayList<>();
    final Path heldOut;
    final Path bpe;
    final Path modelJson;

    static synchronized EmojiData get() throws IOException {
        if (built == null) {
            built = new EmojiData(Path.of("target", "emoji-data").toAbsolutePath());
        }
        return built;
    }

    /** The dihit checkout that fetch-data filled. */
    static Path projectDir() {
        return Path.of(System.getProperty("dihit.project.dir", "../..")).toAbsolutePath().normalize();
    }

    private EmojiData(Path dir) throws IOException {
        this.dir = dir;
        Path npm = projectDir().resolve("data/npm/node_modules");
        Path emojiJson = npm.resolve("emoji-datasource/emoji.json");
        if (!Files.isRegularFile(emojiJson)) {
            String msg = "no emoji data at " + emojiJson + ": run bin/dihit fetch-data in the dihit checkout";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        Files.createDirectories(dir);
        List<JsonNode> chosen = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(emojiJson.toFile())) {
            String category = e.path("category").asText();
            boolean allStyles = TRAIN_STYLES.stream().allMatch(s -> e.path("has_img_" + s).asBoolean())
                    && e.path("has_img_" + HELD_OUT_STYLE).asBoolean();
            if (allStyles && (category.equals("Animals & Nature") || category.equals("Food & Drink"))) {
                chosen.add(e);
            }
        }
        chosen.sort(Comparator.comparingInt(e -> e.path("sort_order").asInt()));
        chosen = chosen.subList(0, CONCEPTS);

        heldOut = dir.resolve("held-out");
        StringBuilder csv = new StringBuilder("id,image,caption\n");
        for (JsonNode e : chosen) {
            String name = e.path("name").asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
            classNames.add(name);
            String file = e.path("image").asText();
            for (int s = 0; s < TRAIN_STYLES.size(); s++) {
                String style = TRAIN_STYLES.get(s);
                Row row = new Row(style + "-" + file.replace(".png", ""), image(npm, style, file),
                        String.format(Locale.ROOT, CAPTIONS.get(s), name));
                trainRows.add(row);
                csv.append(row.id()).append(',').append(row.image()).append(',').append(row.caption()).append('\n');
            }
            Path target = heldOut.resolve(name.replace(' ', '_')).resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(image(npm, HELD_OUT_STYLE, file), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        trainManifest = dir.resolve("train.csv");
        Files.writeString(trainManifest, csv);

        // two shards; the second ends with a sample whose "PNG" is text, which every stage must account for
        for (int k = 0; k < 2; k++) {
            Path shard = dir.resolve(String.format(Locale.ROOT, "train-%03d.tar", k));
            try (TarShardWriter writer = new TarShardWriter(shard)) {
                List<Row> half = trainRows.subList(k * trainRows.size() / 2, (k + 1) * trainRows.size() / 2);
                for (Row row : half) {
                    writer.add(row.id(), "png", Files.readAllBytes(row.image()), row.caption());
                }
                if (k == 1) {
                    writer.add("broken-image", "png", "not a png".getBytes(), "a cat chasing a mouse in the kitchen");
                }
            }
            shards.add(shard);
        }

        bpe = dir.resolve("bpe.txt");
        BpeTrainer.train(trainRows.stream().map(Row::caption).toList(), BpeTrainer.Config.ofVocabSize(VOCAB)).save(bpe);
        modelJson = dir.resolve("model.json");
        ClipConfig tiny = ClipConfig.named("tiny_fixture");
        tiny.withText(tiny.text().withVocabSize(VOCAB)).write(modelJson);
    }

    private static Path image(Path npm, String style, String file) {
        Path path = npm.resolve("emoji-datasource-" + style + "/img/" + style + "/64/" + file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("fetch-data left out " + path + "; run bin/dihit fetch-data again");
        }
        return path;
    }

    /** Rows of the training set in shard order, plus the broken sample. */
    int shardSamples() {
        return trainRows.size() + 1;
    }
}
