package io.dihit.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.plot.Figures;
import io.dihit.core.plot.LineChart;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a run's metrics.jsonl as one PNG of three stacked panels, each {@link LineChart#WIDTH} x
 * {@link LineChart#HEIGHT}: the loss parts (loss, contrastive and, with distillation, the distillation
 * term) against the step, the learning rate, and the logit scale (the multiplier, exp of the learned
 * log). The file is re-read at every call, so nothing accumulates in memory between plots and a
 * resumed run's curve includes the steps before the interruption.
 */
public final class LossCurvePlot {

    /** Number of stacked panels in the image. */
    public static final int PANELS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LossCurvePlot() {}

    /** Renders {@code metrics} into {@code png} (written to a temporary file and renamed into place). */
    public static void write(Path metrics, Path png) {
        Map<String, List<double[]>> columns = read(metrics, List.of("loss", "contrastive", "distillation", "lr", "scale"));
        if (columns.get("loss").isEmpty()) {
            throw new IllegalArgumentException("no metrics to plot in " + metrics);
        }
        LineChart loss = new LineChart("training loss", "step", "loss", false);
        for (String part : List.of("loss", "contrastive", "distillation")) {
            if (!columns.get(part).isEmpty()) {
                loss.add(series(part, columns.get(part)));
            }
        }
        BufferedImage image = Figures.stack(List.of(loss.render(),
                new LineChart("learning rate", "step", "lr", false).add(series("lr", columns.get("lr"))).render(),
                new LineChart("logit scale", "step", "exp(logit_scale)", false).add(series("scale", columns.get("scale"))).render()));
        Path temp = png.resolveSibling(png.getFileName() + ".tmp");
        Figures.writePng(image, temp);
        try {
            Files.move(temp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + temp + " to " + png, e);
        }
    }

    /** (step, value) pairs per requested key; lines without the key (or with a non-number) are left out of that column. */
    private static Map<String, List<double[]>> read(Path metrics, List<String> keys) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, new ArrayList<>()));
        try {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                double step = record.path("step").asDouble();
                for (String key : keys) {
                    JsonNode value = record.get(key);
                    if (value != null && value.isNumber() && Double.isFinite(value.asDouble())) {
                        out.get(key).add(new double[] {step, value.asDouble()});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        }
        return out;
    }

    private static LineChart.Series series(String label, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return LineChart.Series.of(label, x, y);
    }
}
