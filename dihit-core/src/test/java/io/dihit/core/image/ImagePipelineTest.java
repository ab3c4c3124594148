package io.dihit.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks decoding and transforms against Pillow / torch outputs (pil_reference.json, see make_pil_reference.py). */
class ImagePipelineTest {
    private static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = resource("pil_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ImagePipelineTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    private static RgbImage image(JsonNode n) {
        JsonNode a = n.get("rgb");
        byte[] b = new byte[a.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) a.get(i).asInt();
        }
        return new RgbImage(n.get("width").asInt(), n.get("height").asInt(), b);
    }

    private static void assertSameImage(JsonNode expected, RgbImage actual) {
        RgbImage e = image(expected);
        assertEquals(e.width(), actual.width(), "width");
        assertEquals(e.height(), actual.height(), "height");
        assertArrayEquals(e.rgb(), actual.rgb());
    }

    @Test
    void bicubicResizeMatchesPillowExactly() {
        RgbImage src = image(ref.get("source"));
        for (JsonNode c : ref.get("resize")) {
            assertSameImage(c.get("out"), ImageTransforms.resize(src, c.get("width").asInt(), c.get("height").asInt()));
        }
    }

    @Test
    void evaluationGeometryMatchesTorchvisionResizeAndCenterCrop() {
        RgbImage big = image(ref.get("big"));
        assertSameImage(ref.get("eval8"), ImageTransforms.resizeAndCenterCrop(big, 8));
        assertSameImage(ref.get("eval8"), ImagePreprocessor.evaluation(8).geometry(big, null));
    }

    @Test
    void centreCropRoundsHalfToEvenLikePython() {
        assertEquals(new CropBox(2, 0, 8, 8), ImageTransforms.centerCropBox(11, 8, 8)); // round(1.5) = 2
        assertEquals(new CropBox(2, 0, 8, 8), ImageTransforms.centerCropBox(13, 8, 8)); // round(2.5) = 2
        assertEquals(new CropBox(0, 4, 8, 8), ImageTransforms.centerCropBox(8, 17, 8)); // round(4.5) = 4
        assertEquals(new CropBox(0, 1, 224, 224), ImageTransforms.centerCropBox(224, 226, 224));
        // shorter side to 8: 50x37 -> 10x8 (int(8 * 50 / 37) = 10), then the centred 8x8
        RgbImage r = ImageTransforms.resizeShorterSide(image(ref.get("big")), 8);
        assertEquals(10, r.width());
        assertEquals(8, r.height());
    }

    @Test
    void resizedCropMatchesPillowCropThenResize() {
        JsonNode c = ref.get("resizedCrop");
        CropBox box = new CropBox(c.get("left").asInt(), c.get("top").asInt(), c.get("width").asInt(), c.get("height").asInt());
        assertSameImage(c.get("out"), ImageTransforms.resizedCrop(image(ref.get("big")), box, c.get("size").asInt()));
    }

    @Test
    void normalisationMatchesTorchFloat32() {
        JsonNode n = ref.get("normalize");
        float[] out = ImageTransforms.normalize(image(n), ChannelStats.CLIP_MEAN, ChannelStats.CLIP_STD);
        JsonNode chw = n.get("chw");
        assertEquals(chw.size(), out.length);
        for (int i = 0; i < out.length; i++) {
            assertEquals((float) chw.get(i).asDouble(), out[i], 0f, "index " + i);
        }
        // hand check: pixel (0,0) red = 0 -> -mean/std; pixel (0,1) green = 255 -> (1 - mean)/std
        assertEquals(-0.48145466f / 0.26862954f, out[0], 1e-6f);
        assertEquals((1f - 0.4578275f) / 0.26130258f, out[4 + 2], 1e-6f);
    }

    @Test
    void pngAlphaGrayAndPaletteDecodeLikePillowOnWhite() throws IOException {
        for (String name : new String[] {"rgba.png", "gray.png", "gray_alpha.png", "palette.png"}) {
            RgbImage img = ImageDecoder.decode(bytes(name));
            RgbImage want = image(ref.get(name));
            assertEquals(want.width(), img.width(), name);
            int maxDiff = 0;
            for (int i = 0; i < want.rgb().length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs((want.rgb()[i] & 0xff) - (img.rgb()[i] & 0xff)));
            }
            // Pillow's alpha_composite rounds its fixed-point blend slightly differently
            assertTrue(maxDiff <= 1, name + " differs by " + maxDiff);
        }
        RgbImage rgba = ImageDecoder.decode(bytes("rgba.png"));
        assertEquals(255, rgba.get(0, 0, 0)); // alpha 0 -> white
        assertEquals(255, rgba.get(0, 0, 2));
        assertArrayEquals(image(ref.get("gray.png")).rgb(), ImageDecoder.decode(bytes("gray.png")).rgb()); // no gamma shift
    }

    @Test
    void alphaCompositingFormula() {
        assertEquals(255, ImageDecoder.onWhite(0, 0));
        assertEquals(17, ImageDecoder.onWhite(17, 255));
        assertEquals(128, ImageDecoder.onWhite(0, 127));   // 255*128/255 = 128
        assertEquals(191, ImageDecoder.onWhite(128, 128)); // (128*128 + 255*127)/255 = 191.25
    }

    @Test
    void jpegDecodesWithinIdctRounding() throws IOException {
        RgbImage img = ImageDecoder.decode(bytes("gradient.jpg"));
        RgbImage want = image(ref.get("gradient.jpg"));
        assertEquals(24, img.width());
        assertEquals(16, img.height());
        int maxDiff = 0;
        for (int i = 0; i < want.rgb().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((want.rgb()[i] & 0xff) - (img.rgb()[i] & 0xff)));
        }
        assertTrue(maxDiff <= 3, "JPEG decode differs from libjpeg by " + maxDiff);
    }

    @Test
    void unreadableBytesGiveAClearError() throws IOException {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode("hello".getBytes()));
        assertTrue(e.getMessage().contains("not a recognised image format"), e.getMessage());
        assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(new byte[0]));
        byte[] png = bytes("rgba.png");
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
        e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(cut));
        assertTrue(e.getMessage().startsWith("unreadable image"), e.getMessage());
        // a PNG header claiming 100000 x 100000 pixels is refused before any allocation
        byte[] bomb = java.util.Arrays.copyOf(png, png.length);
        java.nio.ByteBuffer.wrap(bomb, 16, 8).putInt(100_000).putInt(100_000);
        e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(bomb));
        assertTrue(e.getMessage().startsWith("image too large: 100000x100000"), e.getMessage());
    }

    @Test
    void randomResizedCropStaysInBoundsAndInRange() {
        Random rng = new Random(1);
        for (int i = 0; i < 2000; i++) {
            // aspect ratios inside [3/4, 4/3]: a box of >= 90% area always exists or the fallback is the whole image
            int w = 20 + rng.nextInt(200);
            int h = (int) Math.round(w * (0.76 + 0.55 * rng.nextDouble()));
            CropBox b = ImageTransforms.randomResizedCropBox(w, h, 0.9, 1.0, 3.0 / 4, 4.0 / 3, rng);
            assertTrue(b.left() + b.width() <= w && b.top() + b.height() <= h, b + " in " + w + "x" + h);
            double frac = (double) b.width() * b.height() / (w * h);
            double ratio = (double) b.width() / b.height();
            if (!(frac >= 0.85 && frac <= 1.0001)) { // rounding of w, h moves area slightly
                throw new AssertionError("area fraction " + frac + " for " + b + " in " + w + "x" + h);
            }
            assertTrue(ratio > 0.6 && ratio < 1.6, "ratio " + ratio);
        }
        // a 100x10 strip cannot hold a box of >= 90% area with ratio <= 4/3: fallback is the centred 13x10
        assertEquals(new CropBox(43, 0, 13, 10), ImageTransforms.randomResizedCropBox(100, 10, 0.9, 1.0, 0.75, 4.0 / 3, new Random(3)));
    }

    @Test
    void trainingPreprocessingIsSeededAndShaped() {
        RgbImage big = image(ref.get("big"));
        ImagePreprocessor p = ImagePreprocessor.training(16);
        float[] a = p.apply(big, new Random(42));
        float[] b = p.apply(big, new Random(42));
        assertEquals(3 * 16 * 16, a.length);
        assertArrayEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> p.withScale(0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> ImagePreprocessor.training(0));
    }
}
