package io.dihit.train.optim;

import io.dihit.core.model.WeightDecayRule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptimTest {

    private static float[] flat(JsonNode node) {
        List<Float> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(row -> {
                if (row.isArray()) {
                    row.forEach(v -> values.add((float) v.asDouble()));
                } else {
                    values.add((float) row.asDouble());
                }
            });
        } else {
            values.add((float) node.asDouble());
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Against torch.optim.AdamW (optim/make_adamw_reference.py): decayed matrix, undecayed vector and scalar. */
    @Test
    void adamWMatchesTorch() throws IOException {
        JsonNode ref;
        try (InputStream in = OptimTest.class.getResourceAsStream("/optim/adamw_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        Map<String, Shape> shapes = Map.of("w", new Shape(3, 4), "b", new Shape(4), "logit_scale", new Shape());
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (String name : List.of("w", "b", "logit_scale")) {
                Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
                p.setArray(m.create(flat(ref.get("initial").get(name)), shapes.get(name)));
                params.put(name, p);
            }
            try (AdamW adamW = new AdamW(OptimizerConfig.builder().beta1(0.9).beta2(0.98).eps(1e-6).weightDecay(0.2).build(),
                    Set.of("w"), m)) {
                for (JsonNode step : ref.get("steps")) {
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    for (String name : params.keySet()) {
                        grads.put(name, m.create(flat(step.get("grads").get(name)), shapes.get(name)));
                    }
                    adamW.step(params, grads, 1.0, step.get("lr").asDouble());
                }
                assertEquals(3, adamW.steps());
            }
            for (String name : params.keySet()) {
                NDArray value = params.get(name).getArray();
                assertEquals(DataType.FLOAT32, value.getDataType(), name + " stays float32");
                assertArrayEquals(flat(ref.get("final").get(name)), value.toFloatArray(), 1e-6f, name);
            }
        }
    }

    @Test
    void scheduleWarmsUpLinearlyThenFollowsACosine() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1.0, 4, 14, 0.0);
        assertEquals(0.25, s.learningRate(0), 1e-12);
        assertEquals(1.0, s.learningRate(3), 1e-12);
        assertEquals(1.0, s.learningRate(4), 1e-12);                // cos(0)
        assertEquals(0.5, s.learningRate(9), 1e-12);                // halfway through 10 decay steps
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.8)), s.learningRate(12), 1e-12);
        assertEquals(0.0, s.learningRate(14), 1e-12);
        assertEquals(0.1 + 0.9 * 0.5, new WarmupCosineSchedule(1.0, 0, 10, 0.1).learningRate(5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosineSchedule(1.0, 11, 10, 0));
    }

    @Test
    void decayOnlyOnMatricesThatAreNotEmbeddings() {
        assertTrue(WeightDecayRule.decays("visual.transformer.resblocks.0.attn.in_proj_weight", new Shape(192, 64)));
        assertTrue(WeightDecayRule.decays("visual.conv1.weight", new Shape(64, 3, 8, 8)));
        assertTrue(WeightDecayRule.decays("text_projection", new Shape(48, 32)));
        assertFalse(WeightDecayRule.decays("ln_final.weight", new Shape(48)));
        assertFalse(WeightDecayRule.decays("visual.transformer.resblocks.0.attn.in_proj_bias", new Shape(192)));
        assertFalse(WeightDecayRule.decays("token_embedding.weight", new Shape(512, 48)));
        assertFalse(WeightDecayRule.decays("positional_embedding", new Shape(16, 48)));
        assertFalse(WeightDecayRule.decays("visual.positional_embedding", new Shape(17, 64)));
        assertFalse(WeightDecayRule.decays("visual.class_embedding", new Shape(64)));
        assertFalse(WeightDecayRule.decays("logit_scale", new Shape()));
    }

    @Test
    void clippingByGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> grads = Map.of("a", m.create(new float[] {3, 0}), "b", m.create(new float[] {4}));
            assertEquals(5.0, GradientClipping.globalNorm(grads), 1e-6);
            assertEquals(1.0 / (5 + 1e-6), GradientClipping.factor(5.0, 1.0), 1e-12);
            assertEquals(1.0, GradientClipping.factor(5.0, 10.0));
            assertEquals(1.0, GradientClipping.factor(5.0, 0.0));
        }
    }
}
