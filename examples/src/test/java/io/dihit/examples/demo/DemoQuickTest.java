package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        for (String section : new String[] {"## Data", "## CAT filter", "## Concept teacher", "## Ablation", "## Few-shot probes",
                "## Stages", "## Config", "## Versions"}) {
            assertTrue(md.contains(section), section + " missing");
        }
        assertTrue(md.contains("1857 emoji concepts drawn in all four styles"), md);
        assertTrue(md.contains("| Smileys & Emotion | 165 | 16 |"), md);
        var styles = ImageIO.read(out.resolve("plots/styles.png").toFile());
        assertTrue(styles.getWidth() > 500 && styles.getHeight() > 300);

        JsonNode json = new ObjectMapper().readTree(out.resolve(DemoReportWriter.REPORT_JSON).toFile());
        JsonNode stages = json.get("stages");
        assertEquals(DemoPipeline.standard().stages().size(), stages.size(), "every stage is accounted for");
        for (JsonNode stage : stages) {
            assertTrue(stage.get("ran").asBoolean(), stage.get("name").asText() + " did not run: " + stage.get("summary").asText());
        }
        for (String plot : new String[] {"styles.png", "teacher-loss.png", "training-curves.png", "retrievals.png", "fewshot-0.png",
                "fewshot-1.png"}) {
            assertTrue(Files.size(out.resolve("plots").resolve(plot)) > 2000, plot);
        }

        // Every variant of the ladder was trained and evaluated; retrieval of 1,857 names beats chance (R@10 = 0.54 %).
        // (50 steps learn little: the quick run gave R@10 1.0-2.9 % on an idle 2-core machine.)
        JsonNode ablation = json.get("ablation");
        assertEquals(4, ablation.size(), ablation.toString());
        for (JsonNode variant : ablation) {
            double r10 = variant.get("R@10").get("mean").asDouble();
            assertTrue(r10 > 10.0 / 1857 && r10 <= 1.0, variant.get("variant").asText() + " R@10 " + r10);
            assertTrue(variant.get("R@1").get("mean").asDouble() <= variant.get("R@5").get("mean").asDouble());
            assertTrue(variant.get("R@5").get("mean").asDouble() <= r10);
        }
        JsonNode teacher = json.get("teacherHeldOutTop1");
        assertTrue(teacher.asDouble() > 3.0 / 99, "teacher beats 3x chance on twitter subcategories: " + teacher);
        JsonNode cat = json.get("cat");
        assertEquals(cat.get("read").asLong(), cat.get("kept").asLong() + cat.get("rejected").asLong() + cat.get("failed").asLong());
        assertTrue(cat.get("kept").asLong() > 0 && cat.get("rejected").asLong() > 0, cat.toString());
        assertTrue(Files.size(out.resolve("manifests/train.csv")) > 100_000);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("== stage 1/"));
    }
}
