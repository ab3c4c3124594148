package io.dihit.filter.spotting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTextSpotterTest {

    /** Reads the image's top-left pixel as "text" and counts its calls. */
    private static final class CountingSpotter implements TextSpotter {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<SpottedWord> spot(BufferedImage image) {
            calls.incrementAndGet();
            return List.of(new SpottedWord(Integer.toHexString(image.getRGB(0, 0) & 0xFFFFFF), 0.9));
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void close() {
        }
    }

    private static BufferedImage image(int rgb, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void sameContentIsReadOnceEvenAsADifferentObject() throws Exception {
        CountingSpotter engine = new CountingSpotter();
        CachingTextSpotter cached = new CachingTextSpotter(engine, 10);
        List<SpottedWord> first = cached.spot(image(0xFF0000, 8, 8));
        List<SpottedWord> second = cached.spot(image(0xFF0000, 8, 8));
        assertEquals(List.of(new SpottedWord("ff0000", 0.9)), first);
        assertSame(first, second);
        assertEquals(1, engine.calls.get());
        assertEquals(1, cached.hits());
        assertEquals(1, cached.misses());
        assertEquals("counting", cached.name());
    }

    @Test
    void differentPixelsOrShapeAreDifferentImages() throws Exception {
        CountingSpotter engine = new CountingSpotter();
        CachingTextSpotter cached = new CachingTextSpotter(engine, 10);
        BufferedImage a = image(0x00FF00, 8, 8);
        BufferedImage b = image(0x00FF00, 8, 8);
        b.setRGB(7, 7, 0x00FF01); // one pixel away from a
        cached.spot(a);
        cached.spot(b);
        cached.spot(image(0x00FF00, 4, 16)); // same pixels, other shape
        assertEquals(3, engine.calls.get());
    }

    @Test
    void zeroCapacityMeansNoCacheAndNegativeIsRefused() {
        CountingSpotter engine = new CountingSpotter();
        assertSame(engine, CachingTextSpotter.wrap(engine, 0));
        assertNull(CachingTextSpotter.wrap(null, 100));
        assertThrows(IllegalArgumentException.class, () -> CachingTextSpotter.wrap(engine, -1));
        assertThrows(IllegalArgumentException.class, () -> new CachingTextSpotter(engine, 0));
    }
}
