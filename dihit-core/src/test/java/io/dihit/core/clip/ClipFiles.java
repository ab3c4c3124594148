package io.dihit.core.clip;

import ai.djl.ndarray.NDManager;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ClipModel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Files the Clip tests share: a tiny model with CLIP's vocabulary, the BPE merges, photos, docs snippets. */
final class ClipFiles {
    /** The tiny fixture's shapes with the 49,408-id vocabulary of the CLIP BPE (random DiHT init). */
    static final ClipConfig TINY_WITH_CLIP_VOCAB = ClipConfig.named("tiny_fixture")
            .withText(ClipConfig.named("tiny_fixture").text().withVocabSize(49408));

    private ClipFiles() {
    }

    /** Writes {@link #TINY_WITH_CLIP_VOCAB} with random weights as a safetensors that carries its config. */
    static Path tinyModelWithConfig(Path dir) throws IOException {
        ClipModel model = new ClipModel(TINY_WITH_CLIP_VOCAB);
        Path file = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            Checkpoints.saveSafetensors(model, file);
        }
        return file;
    }

    /** The official CLIP merges file from the shared fixtures (never committed here). */
    static Path merges() {
        String shared = System.getProperty("dihit.shared.dir");
        Path path = shared == null ? null : Path.of(shared, "fixtures", "clip_bpe", "bpe_simple_vocab_16e6.txt.gz");
        if (path == null || !Files.isRegularFile(path)) {
            String msg = "CLIP merges file not found (system property dihit.shared.dir=" + shared + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        return path;
    }

    /** Random-noise PNGs of different sizes. */
    static List<Path> photos(Path dir, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        int k = 0;
        for (BufferedImage img : ClipTest.randomImages(n, 48, 36)) {
            Path file = dir.resolve("photo" + k++ + ".png");
            ImageIO.write(img, "png", file.toFile());
            out.add(file);
        }
        return out;
    }

    /** The java code blocks under a {@code ## heading} (up to the next {@code ## }) of docs/library.md. */
    static List<String> librarySnippets(String heading) throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "library.md"));
        int start = doc.indexOf("## " + heading + "\n");
        assertTrue(start >= 0, "docs/library.md has no section '" + heading + "'");
        int end = doc.indexOf("\n## ", start + 3);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** Fails unless the test's source holds {@code snippet} line by line (indentation aside). */
    static void assertSourceRuns(Class<?> test, String snippet) throws IOException {
        Path source = Path.of("src", "test", "java", test.getName().replace('.', '/') + ".java");
        String code = stripIndent(Files.readString(source));
        String block = stripIndent(snippet);
        assertTrue(code.contains(block), test.getSimpleName() + " must run the docs snippet verbatim:\n" + block);
    }

    private static String stripIndent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append(line.strip()).append('\n');
        }
        return sb.toString();
    }
}
