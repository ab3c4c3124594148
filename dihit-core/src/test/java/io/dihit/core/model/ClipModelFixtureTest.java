package io.dihit.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.io.LoadReport;
import io.dihit.core.testing.TinyClipFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model against PyTorch's outputs for the tiny DiHT-layout fixture (reference.json). */
class ClipModelFixtureTest {
    private static final float ABS_TOL = 1e-4f;

    @ParameterizedTest
    @ValueSource(strings = {"model.pt", "model.safetensors"})
    void featuresLogitsLossAndGradientsMatchPyTorch(String file) throws Exception {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initializeParameters(manager);
            LoadReport report = Checkpoints.load(TinyClipFixture.file(file), model, true);
            assertEquals(model.namedParameters().size(), report.loaded().size());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.create(TinyClipFixture.floats("images"), new Shape(3, 3, 32, 32));
            NDArray tokens = manager.create(TinyClipFixture.longs("text_tokens"), new Shape(3, 16))
                    .toType(DataType.INT32, false);

            NDArray imageFeatures = model.encodeImage(ps, images, false);
            NDArray textFeatures = model.encodeText(ps, tokens, false);
            assertClose(TinyClipFixture.floats("image_features"), imageFeatures.toFloatArray(), ABS_TOL, "image features");
            assertClose(TinyClipFixture.floats("text_features"), textFeatures.toFloatArray(), ABS_TOL, "text features");

            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = model.forward(ps, new NDList(images, tokens), true);
                NDArray logitsPerImage = out.get(0).matMul(out.get(1).transpose()).mul(out.get(2).exp());
                assertClose(TinyClipFixture.floats("logits_per_image"), logitsPerImage.toFloatArray(), ABS_TOL,
                        "logits_per_image");
                NDArray loss = crossEntropyOnDiagonal(logitsPerImage).add(crossEntropyOnDiagonal(logitsPerImage.transpose()))
                        .div(2);
                assertEquals(TinyClipFixture.scalar("info_nce_loss"), loss.getFloat(), 1e-4 * TinyClipFixture.scalar("info_nce_loss"));
                gc.backward(loss);
            }
            assertRelativeClose(TinyClipFixture.floats("grad_visual_proj"),
                    model.namedParameters().get("visual.proj").getArray().getGradient().toFloatArray(), "visual.proj");
            assertRelativeClose(TinyClipFixture.floats("grad_text_projection"),
                    model.namedParameters().get("text_projection").getArray().getGradient().toFloatArray(), "text_projection");
            assertRelativeClose(new float[] {(float) TinyClipFixture.scalar("grad_logit_scale")},
                    model.logLogitScale().getArray().getGradient().toFloatArray(), "logit_scale");
        }
    }

    /** Mean over rows of -log softmax(row)[i]: cross-entropy with targets arange(k). */
    private static NDArray crossEntropyOnDiagonal(NDArray logits) {
        long k = logits.getShape().get(0);
        NDArray eye = logits.getManager().eye((int) k);
        return logits.logSoftmax(1).mul(eye).sum().neg().div(k);
    }

    static void assertClose(float[] expected, float[] actual, float tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tol, what + ": max abs error " + worst + " > " + tol);
    }

    /** Every element within 1e-4 relative, measured against the tensor's largest magnitude. */
    static void assertRelativeClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= 1e-4f * scale, what + " gradient: max error " + worst + " vs scale " + scale);
    }
}
