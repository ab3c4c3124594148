package io.dihit.examples.report;

import io.dihit.core.plot.Figures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A grid of images with a caption under each and a label per row: the same concepts in each artist's
 * style, or a query image followed by its top retrieved concepts.
 */
public final class ImageGrid {

    /** One cell: an image file (or null for a text-only cell) and its caption; {@code highlight} frames it green. */
    public record Cell(Path image, String caption, boolean highlight) {
    }

    /** One row: a label drawn at its left and its cells. */
    public record Row(String label, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    private static final int TILE = 64;
    private static final int CELL_W = 110;
    private static final int CELL_H = TILE + 34;
    private static final int LABEL_W = 90;

    private ImageGrid() {
    }

    public static BufferedImage render(String title, List<Row> rows) {
        int columns = rows.stream().mapToInt(r -> r.cells().size()).max().orElseThrow(() -> new IllegalArgumentException("no rows"));
        BufferedImage image = Figures.canvas(LABEL_W + columns * CELL_W + 10, 30 + rows.size() * CELL_H);
        Graphics2D g = Figures.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(Figures.TITLE);
        g.drawString(title, 8, 20);
        g.setFont(Figures.LABEL);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int y = 30 + r * CELL_H;
            g.setColor(Color.BLACK);
            Figures.fittedText(g, row.label(), 6, y + TILE / 2 + 4, LABEL_W - 10);
            for (int c = 0; c < row.cells().size(); c++) {
                Cell cell = row.cells().get(c);
                int x = LABEL_W + c * CELL_W;
                int ix = x + (CELL_W - TILE) / 2;
                if (cell.image() != null) {
                    g.drawImage(Figures.read(cell.image()), ix, y, TILE, TILE, null);
                }
                if (cell.highlight()) {
                    g.setColor(new Color(0x2ca02c));
                    g.drawRect(ix - 2, y - 2, TILE + 3, TILE + 3);
                }
                g.setColor(Color.BLACK);
                Figures.fittedText(g, cell.caption(), x + 4, y + TILE + 16, CELL_W - 8);
            }
        }
        g.dispose();
        return image;
    }

    public static void write(String title, List<Row> rows, Path png) {
        Figures.writePng(render(title, rows), png);
    }
}
