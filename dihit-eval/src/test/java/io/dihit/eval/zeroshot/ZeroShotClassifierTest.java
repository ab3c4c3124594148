package io.dihit.eval.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotClassifierTest {
    @Test
    void classVectorIsRenormalisedMeanOfNormalisedPromptEmbeddings() {
        // Class "a": prompts (3,0) and (0,5) normalise to (1,0), (0,1); mean (0.5,0.5); renormalised (1,1)/sqrt2.
        // Class "b": one prompt (0,-2) -> (0,-1).
        List<String> seen = new ArrayList<>();
        ZeroShotClassifier zs = ZeroShotClassifier.build(List.of("a", "b"),
                new PromptTemplates("t", List.of("x {}", "y {}")), texts -> {
                    seen.addAll(texts);
                    return texts.stream().map(t -> switch (t) {
                        case "x a" -> new float[] {3, 0};
                        case "y a" -> new float[] {0, 5};
                        case "x b" -> new float[] {0, -2};
                        case "y b" -> new float[] {0, -7};
                        default -> throw new AssertionError(t);
                    }).toArray(float[][]::new);
                });
        assertEquals(List.of("x a", "y a", "x b", "y b"), seen);
        float r = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {r, r}, zs.weights()[0], 1e-7f);
        assertArrayEquals(new float[] {0, -1}, zs.weights()[1], 1e-7f);
        float[][] scores = zs.scores(new float[][] {{10, 0}, {0, -0.1f}});
        assertArrayEquals(new float[] {r, 0}, scores[0], 1e-7f);
        assertArrayEquals(new float[] {-r, 1}, scores[1], 1e-7f);
        assertEquals(1.0, zs.evaluate(new float[][] {{10, 0}, {0, -0.1f}}, new int[] {0, 1}).top1());
    }

    @Test
    void builtInTemplateSets() throws Exception {
        PromptTemplates imagenet = PromptTemplates.imagenet();
        assertEquals(80, imagenet.size());
        assertEquals("a bad photo of a dog.", imagenet.apply("dog").get(0));
        assertEquals("a tattoo of the dog.", imagenet.apply("dog").get(79));
        assertEquals(6, PromptTemplates.generic().size());
        assertThrows(IllegalArgumentException.class, () -> PromptTemplates.builtIn("nope"));
        assertThrows(IllegalArgumentException.class, () -> new PromptTemplates("bad", List.of("no placeholder")));
        assertThrows(IllegalArgumentException.class, () -> new PromptTemplates("bad", List.of("{} and {}")));
    }

    @Test
    void userTemplateFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.txt");
        Files.writeString(f, "# comment\n\nan emoji of {}.\n  {} icon  \n");
        PromptTemplates t = PromptTemplates.resolve(f.toString());
        assertEquals(List.of("an emoji of cat.", "cat icon"), t.apply("cat"));
        assertEquals("mine.txt", t.name());
    }
}
