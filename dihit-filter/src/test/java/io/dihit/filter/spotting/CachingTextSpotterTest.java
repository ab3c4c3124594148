package io.dihit.filter.spotting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTextSpotterTest {

    /** Reads the image's top-left pixel as "text" and counts its calls; optionally fails or blocks. */
    private static final class CountingSpotter implements TextSpotter {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean fail;
        volatile CountDownLatch gate;

        @Override
        public List<SpottedWord> spot(BufferedImage image) throws IOException {
            calls.incrementAndGet();
            if (gate != null) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (fail) {
                throw new IOException("engine failed");
            }
            return List.of(new SpottedWord(Integer.toHexString(image.getRGB(0, 0) & 0xFFFFFF), 0.9));
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
    void sameContentIsReadOnceEvenAsADifferentObject() throws IOException {
        CountingSpotter engine = new CountingSpotter();
        CachingTextSpotter cached = new CachingTextSpotter(engine, 10);
        List<SpottedWord> first = cached.spot(image(0xFF0000, 8, 8));
        List<SpottedWord> second = cached.spot(image(0xFF0000, 8, 8));
        assertEquals(List.of(new SpottedWord("ff0000", 0.9)), first);
        assertSame(first, second);
        assertEquals(1, engine.calls.get());
        assertEquals(1, cached.hits());
        assertEquals(1, cached.misses());
    }

    @Test
    void differentPixelsOrShapeAreDifferentImages() throws IOException {
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
    void leastRecentlyUsedImageIsForgottenBeyondCapacity() throws IOException {
        CountingSpotter engine = new CountingSpotter();
        CachingTextSpotter cached = new CachingTextSpotter(engine, 2);
        BufferedImage red = image(0xFF0000, 4, 4);
        BufferedImage green = image(0x00FF00, 4, 4);
        BufferedImage blue = image(0x0000FF, 4, 4);
        cached.spot(red);
        cached.spot(green);
        cached.spot(red);   // red is now the most recent
        cached.spot(blue);  // evicts green
        cached.spot(red);
        assertEquals(3, engine.calls.get());
        cached.spot(green);
        assertEquals(4, engine.calls.get());
    }

    @Test
    void failuresAreNotCached() throws IOException {
        CountingSpotter engine = new CountingSpotter();
        CachingTextSpotter cached = new CachingTextSpotter(engine, 10);
        engine.fail = true;
        BufferedImage img = image(0x123456, 4, 4);
        assertThrows(IOException.class, () -> cached.spot(img));
        assertThrows(IOException.class, () -> cached.spot(img));
        assertEquals(2, engine.calls.get());
        engine.fail = false;
        cached.spot(img);
        cached.spot(img);
        assertEquals(3, engine.calls.get());
    }

    @Test
    void concurrentCallsForOneImageRunTheEngineOnce() throws Exception {
        CountingSpotter engine = new CountingSpotter();
        engine.gate = new CountDownLatch(1);
        CachingTextSpotter cached = new CachingTextSpotter(engine, 10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SpottedWord>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> cached.spot(image(0xABCDEF, 6, 6))));
            }
            while (cached.hits() + cached.misses() < 4) {
                Thread.sleep(5);
            }
            engine.gate.countDown();
            for (Future<List<SpottedWord>> f : results) {
                assertEquals(List.of(new SpottedWord("abcdef", 0.9)), f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, engine.calls.get());
        assertEquals(3, cached.hits());
    }

    @Test
    void zeroCapacityMeansNoCacheAndNegativeIsRefused() {
        CountingSpotter engine = new CountingSpotter();
        assertSame(engine, CachingTextSpotter.wrap(engine, 0));
        assertEquals(null, CachingTextSpotter.wrap(null, 100));
        assertThrows(IllegalArgumentException.class, () -> CachingTextSpotter.wrap(engine, -1));
        assertThrows(IllegalArgumentException.class, () -> new CachingTextSpotter(engine, 0));
    }
}
