package io.dihit.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case of the PyTorch 1.13 oracle hn_nce_cases.json (copied from shared/fixtures). The
 * fixture's inputs are normalised features and the logit scale as a plain multiplier (1/0.07), with
 * the gradient taken w.r.t. that multiplier; our loss takes the log, so d/d(log) = scale * d/d(scale).
 */
class HnNceFixtureTest {

    record Case(int batch, int dim, LossConfig config, double scale, double[] image, double[] text,
                double loss, double[] gradImage, double[] gradText, double gradScale, Double infoNceLoss) {}

    record Result(double loss, double[] gradImage, double[] gradText, double gradLogScale) {}

    static List<Case> cases() throws IOException {
        try (InputStream in = HnNceFixtureTest.class.getResourceAsStream("/hn_nce_cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> out = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                out.add(new Case(c.get("batch").asInt(), c.get("dim").asInt(),
                        LossConfig.hnNce(c.get("alpha").asDouble(), c.get("beta1").asDouble(),
                                c.get("beta2").asDouble(), c.get("detach_weights").asBoolean()),
                        c.get("logit_scale").asDouble(), flat(c.get("image_features")), flat(c.get("text_features")),
                        c.get("loss").asDouble(), flat(c.get("grad_image")), flat(c.get("grad_text")),
                        c.get("grad_logit_scale").asDouble(),
                        c.has("info_nce_loss") ? c.get("info_nce_loss").asDouble() : null));
            }
            return out;
        }
    }

    private static double[] flat(JsonNode matrix) {
        List<Double> values = new ArrayList<>();
        matrix.forEach(row -> row.forEach(v -> values.add(v.asDouble())));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Result run(ContrastiveLoss loss, Case c, DataType type) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(c.batch(), c.dim());
            NDArray image = manager.create(c.image(), shape).toType(type, false);
            NDArray text = manager.create(c.text(), shape).toType(type, false);
            NDArray logScale = manager.create(Math.log(c.scale())).toType(type, false);
            image.setRequiresGradient(true);
            text.setRequiresGradient(true);
            logScale.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.compute(image, text, logScale);
                collector.backward(value);
                assertEquals(type, value.getDataType(), "loss keeps the features' data type");
                return new Result(value.toType(DataType.FLOAT64, false).getDouble(),
                        toDoubles(image.getGradient()), toDoubles(text.getGradient()),
                        logScale.getGradient().toType(DataType.FLOAT64, false).getDouble());
            }
        }
    }

    private static double[] toDoubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @Test
    void matchesPyTorchInFloat64() throws IOException {
        for (Case c : cases()) {
            Result r = run(new HardNegativeNce(c.config()), c, DataType.FLOAT64);
            String what = c.config().toString();
            assertEquals(c.loss(), r.loss(), 1e-6, what);
            assertArrayClose(c.gradImage(), r.gradImage(), 1e-6, 0, what + " grad image");
            assertArrayClose(c.gradText(), r.gradText(), 1e-6, 0, what + " grad text");
            assertEquals(c.gradScale() * c.scale(), r.gradLogScale(), 1e-6, what + " grad log scale");
        }
    }

    @Test
    void matchesPyTorchInFloat32() throws IOException {
        for (Case c : cases()) {
            Result r = run(new HardNegativeNce(c.config()), c, DataType.FLOAT32);
            String what = c.config().toString();
            assertEquals(c.loss(), r.loss(), 1e-4 * Math.abs(c.loss()), what);
            // Relative to the largest gradient entry, so near-zero entries do not demand exactness.
            assertArrayClose(c.gradImage(), r.gradImage(), 0, 1e-4, what + " grad image");
            assertArrayClose(c.gradText(), r.gradText(), 0, 1e-4, what + " grad text");
            double expected = c.gradScale() * c.scale();
            assertEquals(expected, r.gradLogScale(), 1e-4 * Math.abs(expected), what + " grad log scale");
        }
    }

    @Test
    void infoNceMatchesPyTorchAndAlphaOneBetaZeroHnNce() throws IOException {
        int checked = 0;
        for (Case c : cases()) {
            if (c.infoNceLoss() == null) {
                continue;
            }
            Result info = run(new InfoNce(), c, DataType.FLOAT64);
            Result hn = run(new HardNegativeNce(1, 0, 0), c, DataType.FLOAT64);
            assertEquals(c.infoNceLoss(), info.loss(), 1e-9);
            assertEquals(info.loss(), hn.loss(), 1e-12);
            assertArrayClose(info.gradImage(), hn.gradImage(), 1e-12, 0, "grad image");
            assertArrayClose(info.gradText(), hn.gradText(), 1e-12, 0, "grad text");
            assertEquals(info.gradLogScale(), hn.gradLogScale(), 1e-12);
            assertArrayClose(c.gradImage(), info.gradImage(), 1e-6, 0, "InfoNCE grad image vs oracle");
            checked++;
        }
        assertTrue(checked > 0, "fixture has an InfoNCE case");
    }

    static void assertArrayClose(double[] expected, double[] actual, double absTol, double relToMax, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double max = 0;
        for (double e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double tol = absTol + relToMax * max;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
        }
    }
}
