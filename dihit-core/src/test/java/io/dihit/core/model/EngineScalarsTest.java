package io.dihit.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients through a Java-number constant must not depend on the garbage collector. Each case
 * runs the forward, then collects garbage until every direct buffer made since the forward began
 * is freed (DJL's own scalar temporaries would be among them), then the backward. With DJL's
 * {@code mul(Number)} / {@code div(Number)} in place of {@link EngineScalars} the first case gets a
 * garbage gradient on every run (the backward reads the freed constant); {@code maximum(Number)}
 * reads it too, but its gradient only changes when the garbage happens to exceed the input.
 */
class EngineScalarsTest {

    private static final float[] X = {-2f, -0.5f, 0.5f, 3f};

    @Test
    void mulDivMaximumGradientsSurviveACollectionBeforeTheBackward() throws InterruptedException {
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, gradientAfterCollection(x -> EngineScalars.mul(x, 3)), 0f);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f},
                gradientAfterCollection(x -> EngineScalars.div(x, 4)), 0f);
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f},
                gradientAfterCollection(x -> EngineScalars.maximum(x, 0.25)), 0f);
    }

    @Test
    void normalizeGradientSurvivesACollectionBeforeTheBackward() throws InterruptedException {
        // d/dx sum(w * x/|x|) = (w - y (y . w)) / |x| with y = x/|x|; here w = (1, 2, 3, 4)
        float[] w = {1f, 2f, 3f, 4f};
        double norm = Math.sqrt(4 + 0.25 + 0.25 + 9);
        double yw = 0;
        for (int i = 0; i < X.length; i++) {
            yw += X[i] / norm * w[i];
        }
        float[] expected = new float[X.length];
        for (int i = 0; i < X.length; i++) {
            expected[i] = (float) ((w[i] - X[i] / norm * yw) / norm);
        }
        float[] actual = gradientAfterCollection(x -> ClipModel.normalize(x.reshape(1, 4))
                .mul(engineArray(x.getManager(), w, new Shape(1, 4))));
        assertArrayEquals(expected, actual, 1e-6f);
    }

    @Test
    void constantsTakeTheArraysTypeSoResultsKeepTheirs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f32 = m.create(new float[] {1f, 2f});
            NDArray f64 = m.create(new double[] {1, 2});
            assertEquals(DataType.FLOAT32, EngineScalars.constant(f32, 0.1).getDataType());
            assertEquals(DataType.FLOAT32, EngineScalars.mul(f32.sum(), 0.5).getDataType()); // 0-dim * 0-dim
            NDArray scaled = EngineScalars.mul(f64, 0.1);
            assertEquals(DataType.FLOAT64, scaled.getDataType());
            assertArrayEquals(new double[] {0.1, 0.2}, scaled.toDoubleArray(), 0.0);
        }
    }

    /** d/dx sum(f(x)) at {@link #X}, with every direct buffer made by the forward freed before the backward. */
    private static float[] gradientAfterCollection(UnaryOperator<NDArray> f) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = engineArray(m, X, new Shape(X.length));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                long baseline = directBufferCount();
                NDArray y = f.apply(x).sum();
                freeDirectBuffersBeyond(baseline);
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** A copy in engine memory; the Java-backed original is closed, so the collector may free its buffer. */
    private static NDArray engineArray(NDManager m, float[] values, Shape shape) {
        try (NDArray javaBacked = m.create(values, shape)) {
            return javaBacked.duplicate();
        }
    }

    private static void freeDirectBuffersBeyond(long baseline) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (directBufferCount() > baseline) {
            assertTrue(System.nanoTime() < deadline, "the forward's direct buffers were never collected");
            System.gc();
            Thread.sleep(5);
        }
    }

    private static long directBufferCount() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getCount();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }
}
