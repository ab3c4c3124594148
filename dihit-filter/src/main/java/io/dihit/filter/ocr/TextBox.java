package io.dihit.filter.ocr;

/**
 * An axis-aligned text region with the detector's score (mean text probability inside it).
 * Coordinates are continuous pixel edges: the box covers {@code [x0, x1) x [y0, y1)}.
 */
record TextBox(double x0, double y0, double x1, double y1, double score) {
    public TextBox {
        if (!(x1 > x0 && y1 > y0)) {
            throw new IllegalArgumentException("empty box [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 + ")");
        }
    }

    public double width() {
        return x1 - x0;
    }

    public double height() {
        return y1 - y0;
    }

    /** The same box in another coordinate frame: {@code x' = x * sx + dx}, {@code y' = y * sy + dy}. */
    public TextBox transformed(double sx, double sy, double dx, double dy) {
        return new TextBox(x0 * sx + dx, y0 * sy + dy, x1 * sx + dx, y1 * sy + dy, score);
    }

    /** This box clipped to {@code [0, width) x [0, height)}, or null when nothing is left. */
    public TextBox clippedTo(double width, double height) {
        double cx0 = Math.max(0, x0), cy0 = Math.max(0, y0);
        double cx1 = Math.min(width, x1), cy1 = Math.min(height, y1);
        return cx1 > cx0 && cy1 > cy0 ? new TextBox(cx0, cy0, cx1, cy1, score) : null;
    }
}
