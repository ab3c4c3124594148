package io.dihit.filter.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DB ("differentiable binarisation") post-processing of a text probability map, as PaddleOCR's
 * {@code DBPostProcess} does it, restricted to axis-aligned boxes (emoji and most captioned-image
 * text is horizontal; the recogniser reads one horizontal line per box):
 * <ol>
 *   <li>binarise the map at {@code binaryThreshold};</li>
 *   <li>8-connected components; drop those whose shorter side is below {@code minBoxSide};</li>
 *   <li>score = mean probability inside the component's bounding box (PaddleOCR's "fast" score);
 *       drop boxes scoring below {@code boxThreshold};</li>
 *   <li>unclip: the shrunk text kernel is grown back by {@code d = area * unclipRatio / perimeter}
 *       on every side (the offset distance PaddleOCR passes to its polygon clipper);</li>
 *   <li>drop boxes whose shorter side is still below {@code minBoxSide + 2}.</li>
 * </ol>
 * Boxes come back in reading order (top to bottom, then left to right within a line). Stateless.
 */
final class DbBoxExtractor {
    private final double binaryThreshold;
    private final double boxThreshold;
    private final double unclipRatio;
    private final int minBoxSide;

    public DbBoxExtractor(double binaryThreshold, double boxThreshold, double unclipRatio, int minBoxSide) {
        if (!(binaryThreshold > 0 && binaryThreshold < 1) || !(boxThreshold >= 0 && boxThreshold < 1)) {
            throw new IllegalArgumentException("thresholds must be in (0, 1): " + binaryThreshold + ", " + boxThreshold);
        }
        if (!(unclipRatio >= 0) || minBoxSide < 1) {
            throw new IllegalArgumentException("unclipRatio must be >= 0 and minBoxSide >= 1");
        }
        this.binaryThreshold = binaryThreshold;
        this.boxThreshold = boxThreshold;
        this.unclipRatio = unclipRatio;
        this.minBoxSide = minBoxSide;
    }

    /** Boxes in map coordinates, for a row-major {@code height x width} probability map. */
    public List<TextBox> extract(float[] probabilities, int width, int height) {
        if (width <= 0 || height <= 0 || probabilities.length != width * height) {
            throw new IllegalArgumentException("map of " + probabilities.length + " values is not " + width + "x" + height);
        }
        int[] labels = new int[width * height];
        int[] stack = new int[width * height];
        List<TextBox> boxes = new ArrayList<>();
        int nextLabel = 0;
        for (int start = 0; start < labels.length; start++) {
            if (labels[start] != 0 || probabilities[start] <= binaryThreshold) {
                continue;
            }
            nextLabel++;
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
            int top = 0;
            stack[top++] = start;
            labels[start] = nextLabel;
            while (top > 0) {
                int p = stack[--top];
                int px = p % width, py = p / width;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                for (int ny = Math.max(0, py - 1); ny <= Math.min(height - 1, py + 1); ny++) {
                    for (int nx = Math.max(0, px - 1); nx <= Math.min(width - 1, px + 1); nx++) {
                        int q = ny * width + nx;
                        if (labels[q] == 0 && probabilities[q] > binaryThreshold) {
                            labels[q] = nextLabel;
                            stack[top++] = q;
                        }
                    }
                }
            }
            TextBox box = boxFor(probabilities, width, minX, minY, maxX, maxY);
            if (box != null) {
                boxes.add(box);
            }
        }
        boxes.sort(readingOrder());
        return boxes;
    }

    private TextBox boxFor(float[] probabilities, int width, int minX, int minY, int maxX, int maxY) {
        // PaddleOCR measures sides between contour points (pixel centres), hence no +1 here.
        if (Math.min(maxX - minX, maxY - minY) < minBoxSide) {
            return null;
        }
        double sum = 0;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                sum += probabilities[y * width + x];
            }
        }
        double score = sum / ((maxX - minX + 1) * (maxY - minY + 1));
        if (score < boxThreshold) {
            return null;
        }
        double w = maxX - minX + 1, h = maxY - minY + 1;
        double grow = w * h * unclipRatio / (2 * (w + h));
        if (Math.min(w, h) + 2 * grow < minBoxSide + 2) {
            return null;
        }
        return new TextBox(minX - grow, minY - grow, maxX + 1 + grow, maxY + 1 + grow, score);
    }

    /** Top to bottom; boxes whose vertical centres are within half a box height count as one line. */
    private static Comparator<TextBox> readingOrder() {
        return (a, b) -> {
            double ca = (a.y0() + a.y1()) / 2, cb = (b.y0() + b.y1()) / 2;
            if (Math.abs(ca - cb) < Math.min(a.height(), b.height()) / 2) {
                return Double.compare(a.x0(), b.x0());
            }
            return Double.compare(ca, cb);
        };
    }
}
