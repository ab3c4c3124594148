package io.dihit.filter.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Where the tests find the project's installed npm data, plus small images. */
final class OcrTestData {
    private OcrTestData() {
    }

    static Path projectDir() {
        String dir = System.getProperty("dihit.project.dir");
        if (dir == null) {
            throw new IllegalStateException("system property dihit.project.dir is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    static Path nodeModules() {
        return projectDir().resolve("data").resolve("npm").resolve("node_modules");
    }

    /** The PP-OCRv4 models; fails (never skips) when they are not installed. */
    static PaddleOcrConfig paddleConfig() {
        Path pkg = nodeModules().resolve("@gutenye").resolve("ocr-models");
        if (!Files.isDirectory(pkg)) {
            throw new IllegalStateException("missing " + pkg + ": run bash .ci/setup.d/20-ocr.sh");
        }
        return PaddleOcrConfig.forModelPackage(pkg).build();
    }

    static BufferedImage resource(String name) throws IOException {
        try (InputStream in = OcrTestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return ImageIO.read(in);
        }
    }

    /** Black text lines on white, rendered with the JDK's logical SansSerif font. */
    static BufferedImage rendered(int width, int height, int fontSize, String... lines) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], fontSize / 2, (int) ((i + 1.2) * fontSize * 1.6));
        }
        g.dispose();
        return img;
    }
}
