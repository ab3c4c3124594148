package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.plot.LineChart;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loss.png: drawn from metrics.jsonl when plot_every is set, absent otherwise. */
class LossCurvePlotTest {

    @TempDir
    Path dir;

    /** A known falling loss: the curve is present in every column of the plot area and descends left to right. */
    @Test
    void drawsTheCurvesOfAMetricsFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int step = 1; step <= 50; step++) {
            double loss = 3.0 - step * 0.04;
            lines.append(String.format(Locale.ROOT, "{\"step\":%d,\"loss\":%.4f,\"contrastive\":%.4f,\"distillation\":%.4f,"
                    + "\"lr\":%.6f,\"log_logit_scale\":2.6,\"logit_multiplier\":%.4f}%n", step, loss, loss - 0.2, 0.2, 1e-3 * step, 14 + 0.1 * step));
        }
        Path metrics = dir.resolve("metrics.jsonl");
        Files.writeString(metrics, lines);
        Path png = dir.resolve("loss.png");
        LossCurvePlot.write(metrics, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LineChart.WIDTH, image.getWidth());
        assertEquals(LossCurvePlot.PANELS * LineChart.HEIGHT, image.getHeight());
        assertFalse(Files.exists(dir.resolve("loss.png.tmp")));
        for (int panel = 0; panel < LossCurvePlot.PANELS; panel++) {
            int[] tops = curveTops(image, panel, LineChart.PALETTE[0]);
            if (panel == 0) { // falling loss: lower on the image (larger y) at the right
                assertTrue(tops[tops.length - 1] > tops[0] + 100, "loss falls: " + tops[0] + " -> " + tops[tops.length - 1]);
            } else { // rising lr and logit multiplier
                assertTrue(tops[tops.length - 1] < tops[0] - 100, "panel " + panel + " rises");
            }
        }
        curveTops(image, 0, LineChart.PALETTE[1]); // contrastive
        curveTops(image, 0, LineChart.PALETTE[2]); // distillation
    }

    @Test
    void theLoopWritesLossPngOnlyWhenPlotEveryIsSet() throws Exception {
        Path plotted = dir.resolve("plotted");
        LoopFixtures.train(LoopFixtures.config(plotted, 4, ", \"plot_every\": 2"), LoopFixtures.data(), 4, 1, null);
        BufferedImage image = ImageIO.read(plotted.resolve(LossPlotListener.FILE).toFile());
        assertEquals(LineChart.WIDTH, image.getWidth());
        assertEquals(LossCurvePlot.PANELS * LineChart.HEIGHT, image.getHeight());
        curveTops(image, 0, LineChart.PALETTE[1]); // contrastive, drawn over the equal total loss
        curveTops(image, 1, LineChart.PALETTE[0]); // lr

        Path plain = dir.resolve("plain");
        LoopFixtures.train(LoopFixtures.config(plain, 4, ""), LoopFixtures.data(), 4, 1, null);
        assertTrue(Files.exists(plain.resolve("metrics.jsonl")));
        assertFalse(Files.exists(plain.resolve(LossPlotListener.FILE)), "no plot without plot_every");
    }

    /**
     * For columns across a panel's plot area, the topmost row of a pixel close to {@code colour}; fails
     * when a column has none (the curve is drawn from the first to the last step).
     */
    private static int[] curveTops(BufferedImage image, int panel, Color colour) {
        int top = panel * LineChart.HEIGHT + LineChart.TOP;
        int bottom = panel * LineChart.HEIGHT + LineChart.HEIGHT - LineChart.BOTTOM;
        int left = LineChart.LEFT + 2;
        int right = LineChart.WIDTH - LineChart.RIGHT - 2;
        int[] tops = new int[11];
        for (int i = 0; i < tops.length; i++) {
            int x = left + i * (right - left) / (tops.length - 1);
            tops[i] = -1;
            for (int y = top; y < bottom && tops[i] < 0; y++) {
                if (close(new Color(image.getRGB(x, y)), colour)) {
                    tops[i] = y;
                }
            }
            assertTrue(tops[i] >= 0, "panel " + panel + ": no pixel of " + colour + " in column " + x);
        }
        return tops;
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue()) < 40;
    }
}
