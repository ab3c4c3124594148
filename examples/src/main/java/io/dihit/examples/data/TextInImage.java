package io.dihit.examples.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws words into an emoji with Java2D: the emoji scaled to {@link #SIZE} px on white, the words in
 * black bold DejaVu Sans (fonts-dejavu-core) on a white band over its lower half, wrapped to the width.
 * At {@link #SIZE} px an OCR engine can read them; the demo's models see the image at 32 px.
 */
public final class TextInImage {

    public static final int SIZE = 128;
    static final Font FONT = new Font("DejaVu Sans", Font.BOLD, 18);

    private TextInImage() {
    }

    /** Renders {@code words} into the image at {@code source} and writes a PNG to {@code target}. */
    public static void render(Path source, String words, Path target) throws IOException {
        BufferedImage emoji = ImageIO.read(source.toFile());
        if (emoji == null) {
            throw new IOException("not an image: " + source);
        }
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.drawImage(emoji, 0, 0, SIZE, SIZE, null);
            g.setFont(FONT);
            FontMetrics metrics = g.getFontMetrics();
            List<String> lines = wrap(words, metrics, SIZE - 8);
            int lineHeight = metrics.getHeight();
            int top = SIZE - 4 - lines.size() * lineHeight;
            g.fillRect(0, top - 2, SIZE, SIZE - top + 2);
            g.setColor(Color.BLACK);
            for (int i = 0; i < lines.size(); i++) {
                g.drawString(lines.get(i), 4, top + i * lineHeight + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(target.getParent());
        ImageIO.write(out, "png", target.toFile());
    }

    /** Greedy word wrap; a word wider than the line stands alone (and is clipped). */
    static List<String> wrap(String words, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : words.trim().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && metrics.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
