package io.dihit.train;

import io.dihit.core.plot.Figures;
import io.dihit.core.plot.LineChart;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Draws a run's metrics.jsonl as one PNG of three stacked panels, each {@link LineChart#WIDTH} x
 * {@link LineChart#HEIGHT}: the loss parts (loss, contrastive and, with distillation, the distillation
 * term) against the step, the learning rate, and the logit multiplier (exp of the learned log logit
 * scale). The file is re-read at every call, so nothing accumulates in memory between plots and a
 * resumed run's curve includes the steps before the interruption.
 */
final class LossCurvePlot {

    /** Number of stacked panels in the image. */
    public static final int PANELS = 3;

    private LossCurvePlot() {}

    /** Renders {@code metrics} into {@code png} (written to a temporary file and renamed into place). */
    public static void write(Path metrics, Path png) {
        Map<String, List<double[]>> columns = MetricsCurves.read(metrics, List.of("loss", "contrastive", "distillation", "lr", "logit_multiplier"));
        if (columns.get("loss").isEmpty()) {
            throw new IllegalArgumentException("no metrics to plot in " + metrics);
        }
        LineChart loss = new LineChart("training loss", "step", "loss", false);
        for (String part : List.of("loss", "contrastive", "distillation")) {
            if (!columns.get(part).isEmpty()) {
                loss.add(LineChart.Series.of(part, columns.get(part)));
            }
        }
        BufferedImage image = Figures.stack(List.of(loss.render(),
                new LineChart("learning rate", "step", "lr", false).add(LineChart.Series.of("lr", columns.get("lr"))).render(),
                new LineChart("logit multiplier", "step", "exp(log_logit_scale)", false)
                        .add(LineChart.Series.of("logit_multiplier", columns.get("logit_multiplier"))).render()));
        Path temp = png.resolveSibling(png.getFileName() + ".tmp");
        Figures.writePng(image, temp);
        try {
            Files.move(temp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + temp + " to " + png, e);
        }
    }
}
