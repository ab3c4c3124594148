package io.dihit.core.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart with optional ± error bars, drawn with Java2D: training curves (loss.png of a run,
 * the demo report) and few-shot curves.
 * The x axis can be logarithmic (shots 1, 2, 4, 8, 16).
 */
public final class LineChart {

    /** One line: points with an optional spread (std over seeds) per point. */
    public record Series(String label, double[] x, double[] y, double[] spread) {
        public Series {
            if (x.length != y.length || (spread != null && spread.length != y.length) || x.length == 0) {
                throw new IllegalArgumentException("series " + label + ": x, y and spread must have the same non-zero length");
            }
        }

        public static Series of(String label, double[] x, double[] y) {
            return new Series(label, x, y, null);
        }

        /** From (x, y) pairs. */
        public static Series of(String label, List<double[]> points) {
            return of(label, points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
        }
    }

    /** Colours of the series in order (repeating). */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    /** Image size and the margins around the plot area, in pixels. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    public static final int LEFT = 60;
    public static final int RIGHT = 170;
    public static final int TOP = 30;
    public static final int BOTTOM = 45;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    public LineChart add(Series s) {
        if (logX) {
            for (double x : s.x()) {
                if (x <= 0) {
                    throw new IllegalArgumentException("log x axis needs positive x, got " + x + " in " + s.label());
                }
            }
        }
        series.add(s);
        return this;
    }

    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("chart '" + title + "' has no series");
        }
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double sp = s.spread() == null ? 0 : s.spread()[i];
                minX = Math.min(minX, tx(s.x()[i]));
                maxX = Math.max(maxX, tx(s.x()[i]));
                minY = Math.min(minY, s.y()[i] - sp);
                maxY = Math.max(maxY, s.y()[i] + sp);
            }
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        double padY = 0.05 * (maxY - minY);
        minY -= padY;
        maxY += padY;
        BufferedImage image = Figures.canvas(WIDTH, HEIGHT);
        Graphics2D g = Figures.graphics(image);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(Figures.TITLE);
        g.drawString(title, LEFT, TOP - 10);
        g.setFont(Figures.LABEL);
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int t = 0; t <= 4; t++) {
            double v = minY + t * (maxY - minY) / 4;
            int py = TOP + plotH - (int) Math.round(t * plotH / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, py, LEFT + plotW - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3g", v), 4, py + 4);
        }
        for (double x : tickXs()) {
            int px = LEFT + (int) Math.round((tx(x) - minX) / (maxX - minX) * plotW);
            g.drawLine(px, TOP + plotH, px, TOP + plotH + 4);
            g.drawString(String.format(Locale.ROOT, "%.4g", x), px - 8, TOP + plotH + 17);
        }
        g.drawString(xLabel, LEFT + plotW / 2 - 30, HEIGHT - 8);
        Figures.fittedText(g, "y: " + yLabel, LEFT + plotW + 12, TOP - 10, RIGHT - 14);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            Color color = PALETTE[si % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            int prevX = -1, prevY = -1;
            for (int i = 0; i < s.x().length; i++) {
                int px = LEFT + (int) Math.round((tx(s.x()[i]) - minX) / (maxX - minX) * plotW);
                int py = TOP + plotH - (int) Math.round((s.y()[i] - minY) / (maxY - minY) * plotH);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                if (s.spread() != null && s.spread()[i] > 0) {
                    int dy = (int) Math.round(s.spread()[i] / (maxY - minY) * plotH);
                    g.drawLine(px, py - dy, px, py + dy);
                    g.drawLine(px - 3, py - dy, px + 3, py - dy);
                    g.drawLine(px - 3, py + dy, px + 3, py + dy);
                }
                if (s.x().length <= 20) {
                    g.fillOval(px - 3, py - 3, 6, 6);
                }
                prevX = px;
                prevY = py;
            }
            int ly = TOP + 10 + 18 * si;
            g.fillRect(LEFT + plotW + 12, ly - 8, 14, 4);
            g.setColor(Color.BLACK);
            Figures.fittedText(g, s.label(), LEFT + plotW + 30, ly - 2, RIGHT - 34);
        }
        g.dispose();
        return image;
    }

    public void write(Path png) {
        Figures.writePng(render(), png);
    }

    private double tx(double x) {
        return logX ? Math.log(x) : x;
    }

    /** Tick positions: every x of the first series when few (shots), else five evenly spaced values. */
    private List<Double> tickXs() {
        Series first = series.get(0);
        List<Double> ticks = new ArrayList<>();
        if (first.x().length <= 8) {
            for (double x : first.x()) {
                ticks.add(x);
            }
            return ticks;
        }
        double lo = first.x()[0], hi = first.x()[first.x().length - 1];
        for (int t = 0; t <= 4; t++) {
            ticks.add(lo + t * (hi - lo) / 4);
        }
        return ticks;
    }
}
