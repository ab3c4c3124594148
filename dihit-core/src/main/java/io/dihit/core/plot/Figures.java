package io.dihit.core.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Shared Java2D set-up for PNG figures (headless, white background, anti-aliased): charts, image grids. */
public final class Figures {

    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    /** The background of every canvas. */
    public static final Color BACKGROUND = Color.WHITE;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Figures() {
    }

    public static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        return g;
    }

    public static void writePng(BufferedImage image, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException("not an image: " + file);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Draws text cut to fit {@code width} pixels, with an ellipsis when cut. */
    public static void fittedText(Graphics2D g, String text, int x, int y, int width) {
        String shown = text;
        while (g.getFontMetrics().stringWidth(shown) > width && shown.length() > 1) {
            shown = shown.substring(0, shown.length() - 2) + "…";
        }
        g.drawString(shown, x, y);
    }

    /** The images one below the other, left-aligned, on one canvas as wide as the widest. */
    public static BufferedImage stack(List<BufferedImage> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        int width = panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = panels.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = canvas(width, height);
        Graphics2D g = out.createGraphics();
        int y = 0;
        for (BufferedImage panel : panels) {
            g.drawImage(panel, 0, y, null);
            y += panel.getHeight();
        }
        g.dispose();
        return out;
    }
}
