package io.dihit.core.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    private static int countColour(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void drawsEachSeriesInItsColourAndWritesAPng(@TempDir Path dir) throws Exception {
        LineChart chart = new LineChart("few-shot", "shots", "accuracy", true)
                .add(new LineChart.Series("plain", new double[] {1, 2, 4, 8, 16}, new double[] {.1, .2, .3, .4, .5},
                        new double[] {.01, .02, .01, .02, .01}))
                .add(LineChart.Series.of("DiHT", new double[] {1, 2, 4, 8, 16}, new double[] {.3, .35, .4, .45, .5}));
        Path png = dir.resolve("plot.png");
        chart.write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LineChart.WIDTH, image.getWidth());
        assertEquals(LineChart.HEIGHT, image.getHeight());
        assertTrue(countColour(image, LineChart.PALETTE[0].getRGB() & 0xFFFFFF) > 200, "first series drawn");
        assertTrue(countColour(image, LineChart.PALETTE[1].getRGB() & 0xFFFFFF) > 200, "second series drawn");
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void risingSeriesEndsHigherOnTheImage() {
        BufferedImage image = new LineChart("t", "x", "y", false)
                .add(LineChart.Series.of("up", new double[] {0, 1}, new double[] {0, 1})).render();
        int colour = LineChart.PALETTE[0].getRGB() & 0xFFFFFF;
        int leftX = LineChart.LEFT + 3;
        int rightX = LineChart.WIDTH - LineChart.RIGHT - 3;
        assertTrue(topmost(image, leftX, colour) > topmost(image, rightX, colour), "line rises left to right");
    }

    private static int topmost(BufferedImage image, int x, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                return y;
            }
        }
        throw new AssertionError("no pixel of the series in column " + x);
    }

    @Test
    void rejectsBadSeries() {
        assertThrows(IllegalArgumentException.class, () -> LineChart.Series.of("x", new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y", true).add(LineChart.Series.of("z", new double[] {0}, new double[] {1})));
        assertThrows(IllegalStateException.class, () -> new LineChart("t", "x", "y", false).render());
    }
}
