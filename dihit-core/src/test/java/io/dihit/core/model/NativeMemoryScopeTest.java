package io.dihit.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every array a forward/backward creates belongs to the batch's manager, so closing it frees them all. */
class NativeMemoryScopeTest {
    @Test
    void stepsLeaveNothingInTheParameterManager() throws Exception {
        ClipModel model = new ClipModel(ClipConfig.named("tiny_fixture"));
        try (NDManager params = NDManager.newBaseManager()) {
            model.initializeParameters(params);
            ParameterStore ps = new ParameterStore(params, false);
            step(model, ps, params); // first step creates the gradient buffers
            int before = resourceCount(params);
            for (int i = 0; i < 3; i++) {
                step(model, ps, params);
            }
            assertEquals(before, resourceCount(params));
        }
    }

    private static void step(ClipModel model, ParameterStore ps, NDManager params) {
        try (NDManager batch = params.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray images = batch.randomNormal(model.imageShape(2));
            NDArray tokens = batch.randomInteger(1, 511, model.tokenShape(2), ai.djl.ndarray.types.DataType.INT64);
            NDList out = model.forward(ps, new NDList(images, tokens), true);
            NDArray loss = out.get(0).matMul(out.get(1).transpose()).mul(out.get(2).exp()).sum();
            gc.backward(loss);
        }
    }

    @SuppressWarnings("unchecked")
    private static int resourceCount(NDManager manager) throws ReflectiveOperationException {
        Field f = BaseNDManager.class.getDeclaredField("resources");
        f.setAccessible(true);
        return ((Map<String, AutoCloseable>) f.get(manager)).size();
    }
}
