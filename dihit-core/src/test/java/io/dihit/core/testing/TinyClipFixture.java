package io.dihit.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PyTorch-made oracle in src/test/resources/fixtures/tiny_clip (copied from shared/fixtures). */
public final class TinyClipFixture {
    public static final String DIR = "/fixtures/tiny_clip/";
    private static JsonNode reference;

    private TinyClipFixture() {
    }

    public static synchronized JsonNode reference() {
        if (reference == null) {
            try (InputStream in = TinyClipFixture.class.getResourceAsStream(DIR + "reference.json")) {
                reference = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    public static Path file(String name) {
        try {
            return Path.of(TinyClipFixture.class.getResource(DIR + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row-major values of a nested JSON array. */
    public static float[] floats(String field) {
        List<Double> values = new ArrayList<>();
        flatten(reference().get(field), values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    public static long[] longs(String field) {
        float[] f = floats(field);
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (long) f[i];
        }
        return out;
    }

    public static double scalar(String field) {
        return reference().get(field).asDouble();
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asDouble());
        }
    }
}
