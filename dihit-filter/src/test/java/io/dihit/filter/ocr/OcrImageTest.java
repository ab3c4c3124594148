package io.dihit.filter.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OcrImageTest {

    @Test
    void transparencyIsCompositedOnWhite() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00123456);            // fully transparent
        img.setRGB(1, 0, (128 << 24) | 0x000000); // half-transparent black
        OcrImage rgb = OcrImage.onWhite(img);
        assertEquals(0xFFFFFF, rgb.rgb(0, 0));
        int grey = (255 * 127 + 127) / 255;      // 255 * (1 - 128/255), rounded
        assertEquals((grey << 16) | (grey << 8) | grey, rgb.rgb(1, 0));
    }

    @Test
    void paddingAndResamplingFollowPixelCentres() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x000000);
        img.setRGB(1, 0, 0xC8C8C8);  // 200
        OcrImage rgb = OcrImage.onWhite(img);
        OcrImage padded = rgb.paddedWithWhite(1);
        assertEquals(4, padded.width());
        assertEquals(3, padded.height());
        assertEquals(0xFFFFFF, padded.rgb(0, 0));
        assertEquals(0xC8C8C8, padded.rgb(2, 1));
        // 2 -> 4 columns: centres at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        OcrImage up = rgb.resized(4, 1);
        assertEquals(0, up.rgb(0, 0) & 0xFF);
        assertEquals(50, up.rgb(1, 0) & 0xFF);
        assertEquals(150, up.rgb(2, 0) & 0xFF);
        assertEquals(200, up.rgb(3, 0) & 0xFF);
    }

    @Test
    void tensorsAreBgrChwNormalisedAndRowPadded() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0033);  // r 255, g 0, b 51
        float[] t = new float[3 * 2];
        OcrImage.onWhite(img).writeBgrChw(t, 0, 2, 1, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
        assertEquals(51 / 255f * 2 - 1, t[0], 1e-6);  // blue plane first
        assertEquals(0f, t[1]);                          // row padding untouched
        assertEquals(-1f, t[2], 1e-6);                   // green
        assertEquals(1f, t[4], 1e-6);                    // red
    }
}
