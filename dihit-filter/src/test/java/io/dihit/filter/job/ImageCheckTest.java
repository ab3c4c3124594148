package io.dihit.filter.job;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.image.ImageDecodeException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageCheckTest {

    private static byte[] encode(String format) throws IOException {
        BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x * 16) << 16 | (y * 20) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void completeImagesPassEvenWithDataAfterTheirEndMarker() throws IOException {
        for (String format : new String[] {"png", "jpg"}) {
            byte[] img = encode(format);
            ImageCheck.checkHeader(img);
            ImageCheck.checkHeader(concat(img, "appended metadata".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void emptyTruncatedAndNonImagesFail() throws IOException {
        for (String format : new String[] {"png", "jpg"}) {
            byte[] img = encode(format);
            ImageDecodeException cut = assertThrows(ImageDecodeException.class,
                    () -> ImageCheck.checkHeader(Arrays.copyOf(img, img.length - 10)));
            assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        }
        assertThrows(ImageDecodeException.class, () -> ImageCheck.checkHeader(new byte[0]));
        ImageDecodeException html = assertThrows(ImageDecodeException.class,
                () -> ImageCheck.checkHeader("<html>404</html>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.getMessage().contains("not an image"), html.getMessage());
        byte[] png = encode("png");
        assertThrows(ImageDecodeException.class, () -> ImageCheck.checkHeader(Arrays.copyOf(png, 30))); // header only
    }
}
