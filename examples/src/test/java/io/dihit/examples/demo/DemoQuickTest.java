package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.RequiredData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code dihit demo --quick} end to end into a temporary folder and checks the report. */
class DemoQuickTest {

    @Test
    void quickDemoWritesAReportAccountingForEveryStage(@TempDir Path out) throws Exception {
        DataLayout layout = RequiredData.emoji();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path report = DemoCommand.runDemo(DemoConfig.quick(out), layout, new PrintStream(log, true, StandardCharsets.UTF_8));

        String md = Files.readString(report);
        assertTrue(md.startsWith("# DiHT demo report"));
        for (String section : new String[] {"## Data", "## Protocol", "## CAT filter", "### CAT on the injected noise", "## Concept teacher",
                "## Ablation", "### Paired differences", "### How close to a plateau", "## Few-shot probes", "## Stages", "## Config",
                "## Versions"}) {
            assertTrue(md.contains(section), section + " missing");
        }
        assertTrue(md.contains("1857 emoji concepts drawn in all four styles"), md);
        assertTrue(md.contains("| Smileys & Emotion | 165 | 16 |"), md);
        var styles = ImageIO.read(out.resolve("plots/styles.png").toFile());
        assertTrue(styles.getWidth() > 500 && styles.getHeight() > 300);

        JsonNode json = new ObjectMapper().readTree(out.resolve(DemoReportWriter.REPORT_JSON).toFile());
        JsonNode stages = json.get("stages");
        assertEquals(DemoPipeline.standard().stageCount(1), stages.size(), "every stage is accounted for");
        for (JsonNode stage : stages) {
            assertTrue(stage.get("ran").asBoolean(), stage.get("name").asText() + " did not run: " + stage.get("summary").asText());
        }
        for (String plot : new String[] {"styles.png", "teacher-loss.png", "training-curves.png", "retrievals.png", "fewshot-0.png",
                "fewshot-1.png"}) {
            assertTrue(Files.size(out.resolve("plots").resolve(plot)) > 2000, plot);
        }

        // Every variant (the ladder and InfoNCE on the CAT-filtered set) was trained and evaluated for both paired seeds;
        // retrieval of 1,857 names beats chance (R@10 = 0.54 %).
        JsonNode ablation = json.get("ablation");
        assertEquals(Variant.ALL.size(), ablation.size(), ablation.toString());
        for (JsonNode variant : ablation) {
            double r10 = variant.get("R@10").get("mean").asDouble();
            assertTrue(r10 > 10.0 / 1857 && r10 <= 1.0, variant.get("variant").asText() + " R@10 " + r10);
            assertTrue(variant.get("R@1").get("mean").asDouble() <= variant.get("R@5").get("mean").asDouble());
            assertTrue(variant.get("R@5").get("mean").asDouble() <= r10);
        }
        JsonNode teacher = json.get("teacherHeldOutTop1");
        assertTrue(teacher.asDouble() > 3.0 / 99, "teacher beats 3x chance on twitter subcategories: " + teacher);
        JsonNode evidence = json.get("evidence");
        assertEquals(Variant.COMPARISONS.size() * 5, evidence.get("comparisons").size(), "5 comparisons x 5 metrics");
        for (JsonNode c : evidence.get("comparisons")) {
            assertEquals(2, c.get("n").asInt(), "two paired seeds: " + c);
            assertTrue(c.get("low").asDouble() <= c.get("meanDifference").asDouble() && c.get("meanDifference").asDouble() <= c.get("high").asDouble());
            assertEquals("too_few", c.get("verdict").asText(), "two replicates give no verdict: " + c);
            assertFalse(c.get("reproduces").asBoolean());
        }
        // 11,142 clean pairs (1,857 concepts x 3 styles x 2 captions) + 5 % of each noise kind
        JsonNode noise = evidence.get("catNoise").get("twitter");
        assertEquals(11_142, noise.get("clean").get("rows").asInt());
        for (String kind : new String[] {"text-in-image", "uninformative", "mismatched"}) {
            JsonNode k = noise.get(kind);
            assertEquals(557, k.get("rows").asInt(), kind);
            assertEquals(k.get("rows").asInt(), k.get("kept").asInt() + k.get("rejected").asInt() + k.get("failed").asInt(), kind);
        }
        assertTrue(noise.get("uninformative").get("recall").asDouble() > 0.9, "CAT's caption rule removes alt text like 'IMG_0042.jpg': " + noise);
        assertEquals(2 * 3, evidence.get("fewShotDihtMinusPlain").size(), "2 tasks x 3 shot counts");
        assertTrue(Files.isRegularFile(out.resolve("heldout-twitter/noise-kinds.csv")));
        JsonNode cat = json.get("cat");
        assertEquals(cat.get("read").asLong(), cat.get("kept").asLong() + cat.get("rejected").asLong() + cat.get("failed").asLong());
        assertTrue(cat.get("kept").asLong() > 0 && cat.get("rejected").asLong() > 0, cat.toString());
        assertTrue(Files.size(out.resolve("manifests/train.csv")) > 100_000);
        assertTrue(Files.size(out.resolve("heldout-twitter/train.csv")) > Files.size(out.resolve("manifests/train.csv")), "noise on top");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("== stage 1/"));
    }
}
