package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dihit.core.io.CheckpointFormatException;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.io.LoadReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OpenAI-style tiny CLIP (QuickGELU, with input_resolution / context_length / vocab_size entries) against
 * PyTorch's features (fixtures/tiny_clip_quickgelu, copied from the shared fixtures).
 */
class QuickGeluFixtureTest {
    private static final String DIR = "/fixtures/tiny_clip_quickgelu/";
    private static JsonNode reference;
    private static Path weights;

    @BeforeAll
    static void readFixture() throws Exception {
        try (InputStream in = QuickGeluFixtureTest.class.getResourceAsStream(DIR + "reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        weights = Path.of(QuickGeluFixtureTest.class.getResource(DIR + "model.pt").toURI());
    }

    @Test
    void theFixturesOwnConfigChoosesQuickGeluAndMatchesPyTorch() throws Exception {
        ClipConfig config = ClipConfig.fromJson(reference.get("config").toString());
        assertEquals(Activation.QUICK_GELU, config.activation());
        assertFeaturesWithin(config, 1e-4);
    }

    @Test
    void aQuickGeluBuiltInNameMatchesPyTorch() throws Exception {
        ClipConfig config = ClipConfig.named("tiny_fixture" + ClipConfig.QUICK_GELU_SUFFIX);
        assertEquals(ClipConfig.fromJson(reference.get("config").toString()), config);
        assertFeaturesWithin(config, 1e-4);
    }

    @Test
    void aConfigThatDoesNotChooseItsActivationIsRefusedWithHowToChoose() throws Exception {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            float[] before = model.namedParameters().get("visual.proj").getArray().toFloatArray();
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                    () -> Checkpoints.load(weights, model, true));
            assertTrue(e.getMessage().contains("OpenAI-style"), e.getMessage());
            assertTrue(e.getMessage().contains(ClipConfig.QUICK_GELU_SUFFIX), e.getMessage());
            assertTrue(e.getMessage().contains("\"quick_gelu\": true"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertArrayEquals(before,
                    model.namedParameters().get("visual.proj").getArray().toFloatArray(), "nothing was loaded");
        }
    }

    @Test
    void anExplicitExactGeluLoadsButIsOffByWhatTheFixtureRecords() throws Exception {
        ClipConfig exact = ClipConfig.named("tiny_fixture").withActivation(Activation.GELU);
        double error = maxNormalisedImageError(exact);
        assertEquals(reference.get("normalised_image_feature_error_with_exact_gelu").asDouble(), error, 1e-4);
        assertTrue(error > 1e-4, "exact GELU must be measurably wrong on QuickGELU weights: " + error);
    }

    private static void assertFeaturesWithin(ClipConfig config, double tolerance) throws Exception {
        assertTrue(maxNormalisedImageError(config) <= tolerance);
        ClipModel model = new ClipModel(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            LoadReport report = Checkpoints.load(weights, model, true);
            assertEquals(model.namedParameters().size(), report.loaded().size());
            assertEquals(List.of("context_length", "input_resolution", "vocab_size"),
                    report.ignored().stream().sorted().toList());
            ParameterStore ps = new ParameterStore(manager, false);
            float[] texts = model.encodeText(ps, tokens(manager), false).toFloatArray();
            float[] images = model.encodeImage(ps, images(manager), false).toFloatArray();
            assertClose(floats("text_features"), texts, tolerance, "text features");
            assertClose(floats("image_features"), images, tolerance, "image features");
        }
    }

    /** Largest absolute difference between the model's and PyTorch's L2-normalised image features. */
    private static double maxNormalisedImageError(ClipConfig config) throws Exception {
        ClipModel model = new ClipModel(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            Checkpoints.load(weights, model, true);
            ParameterStore ps = new ParameterStore(manager, false);
            float[] actual = ClipModel.normalize(model.encodeImage(ps, images(manager), false)).toFloatArray();
            float[] expected = ClipModel.normalize(manager.create(floats("image_features"), new Shape(3, 32))).toFloatArray();
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - actual[i]));
            }
            return max;
        }
    }

    private static NDArray images(NDManager manager) {
        return manager.create(floats("images"), new Shape(3, 3, 32, 32));
    }

    private static NDArray tokens(NDManager manager) {
        float[] f = floats("text_tokens");
        int[] ids = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            ids[i] = (int) f[i];
        }
        return manager.create(ids, new Shape(3, 16)).toType(DataType.INT32, false);
    }

    private static float[] floats(String field) {
        List<Double> values = new ArrayList<>();
        flatten(reference.get(field), values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asDouble());
        }
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
