package io.dihit.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipModelTest {
    @Test
    void initialValuesFollowDiht() {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager m = NDManager.newBaseManager()) {
            model.initializeParameters(m);
            Map<String, ai.djl.nn.Parameter> p = model.namedParameters();
            assertEquals(Math.log(1 / 0.07), model.logLogitScale().getArray().getFloat(), 1e-6);
            assertEquals(0.02, std(p.get("token_embedding.weight").getArray()), 0.002);
            assertEquals(0.01, std(p.get("positional_embedding").getArray()), 0.001);
            assertEquals(Math.pow(48, -0.5), std(p.get("transformer.resblocks.0.attn.in_proj_weight").getArray()), 0.01);
            assertEquals(Math.pow(64, -0.5), std(p.get("visual.positional_embedding").getArray()), 0.01);
            assertEquals(0f, p.get("visual.transformer.resblocks.1.attn.in_proj_bias").getArray().abs().max().getFloat());
            assertEquals(1f, p.get("ln_final.weight").getArray().min().getFloat());
        }
    }

    @Test
    void forwardGivesUnitFeaturesAndPoolsAtTheLargestTokenId() {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager m = NDManager.newBaseManager()) {
            model.initializeParameters(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray images = m.randomNormal(model.imageShape(2));
            long[][] rows = {{510, 5, 6, 511, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {510, 7, 8, 9, 10, 511, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
            NDArray tokens = m.create(rows);
            NDList out = model.forward(ps, new NDList(images, tokens), false);
            assertEquals(new Shape(2, 32), out.get(0).getShape());
            assertEquals(new Shape(2, 32), out.get(1).getShape());
            assertEquals(new Shape(), out.get(2).getShape());
            assertArrayEquals(new float[] {1, 1}, out.get(0).norm(new int[] {1}).toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {1, 1}, out.get(1).norm(new int[] {1}).toFloatArray(), 1e-5f);

            // causal attention: what follows the end-of-text token cannot change the pooled feature
            rows[0][6] = 42;
            NDArray changedTail = model.encodeText(ps, m.create(rows), false);
            NDArray original = model.encodeText(ps, tokens.toType(DataType.INT32, false), false);
            assertArrayEquals(original.toFloatArray(), changedTail.toFloatArray(), 1e-6f);
            rows[0][1] = 43;
            NDArray changedHead = model.encodeText(ps, m.create(rows), false);
            assertTrue(original.sub(changedHead).abs().max().getFloat() > 1e-4);
        }
    }

    @Test
    void weightDecayAppliesToMatricesOnly() {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        java.util.List<String> decayed = model.namedParameters().keySet().stream().filter(model::usesWeightDecay)
                .filter(k -> !k.contains("resblocks.") || k.contains("resblocks.0.")).sorted().toList();
        assertEquals(java.util.List.of("text_projection",
                "transformer.resblocks.0.attn.in_proj_weight", "transformer.resblocks.0.attn.out_proj.weight",
                "transformer.resblocks.0.mlp.c_fc.weight", "transformer.resblocks.0.mlp.c_proj.weight",
                "visual.conv1.weight", "visual.proj",
                "visual.transformer.resblocks.0.attn.in_proj_weight", "visual.transformer.resblocks.0.attn.out_proj.weight",
                "visual.transformer.resblocks.0.mlp.c_fc.weight", "visual.transformer.resblocks.0.mlp.c_proj.weight"),
                decayed);
    }

    @Test
    void wrongInputShapesAreRejectedClearly() {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager m = NDManager.newBaseManager()) {
            model.initializeParameters(m);
            ParameterStore ps = new ParameterStore(m, false);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> model.encodeImage(ps, m.zeros(new Shape(1, 3, 64, 64)), false));
            assertTrue(e.getMessage().contains("(N, 3, 32, 32)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> model.encodeText(ps, m.zeros(new Shape(1, 77), DataType.INT64), false));
            assertTrue(e.getMessage().contains("(N, 16)"), e.getMessage());
        }
    }

    private static double std(NDArray a) {
        float[] v = a.toFloatArray();
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }
}
