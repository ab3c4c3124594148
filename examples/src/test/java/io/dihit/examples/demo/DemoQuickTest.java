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
        for (String section : new String[] {"## Data", "## Stages", "## Config", "## Versions"}) {
            assertTrue(md.contains(section), section + " missing");
        }
        assertTrue(md.contains("1857 emoji concepts drawn in all four styles"), md);
        assertTrue(md.contains("| Smileys & Emotion | 165 | 16 |"), md);
        var styles = ImageIO.read(out.resolve("plots/styles.png").toFile());
        assertTrue(styles.getWidth() > 500 && styles.getHeight() > 300);

        JsonNode json = new ObjectMapper().readTree(out.resolve(ReportWriter.REPORT_JSON).toFile());
        JsonNode stages = json.get("stages");
        assertEquals(DemoPipeline.standard().stages().size(), stages.size(), "every stage is accounted for");
        assertEquals("manifests", stages.get(0).get("name").asText());
        assertTrue(stages.get(0).get("ran").asBoolean());
        for (JsonNode stage : stages) {
            if (!stage.get("ran").asBoolean()) {
                assertTrue(md.contains(stage.get("summary").asText()), "not-run stage listed in the report");
            }
        }
        assertTrue(Files.size(out.resolve("manifests/train.csv")) > 100_000);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("== stage 1/"));
    }
}
