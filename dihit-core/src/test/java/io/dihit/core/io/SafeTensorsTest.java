package io.dihit.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dihit.core.testing.TinyClipFixture;
import io.dihit.core.testing.TorchZipBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void genericMapsRoundTripWithDtypesShapesOrderAndMetadata() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("head.weight", Tensor.ofFloats(new float[] {1, -2, 3.5f, 0}, 2, 2));
        tensors.put("adam.step", Tensor.ofLongs(new long[] {1234567890123L}));
        tensors.put("half", new Tensor(DType.F16, new long[] {3}, TorchZipBuilder.shorts(0x3c00, 0xc000, 0x7c00)));
        tensors.put("bf16", new Tensor(DType.BF16, new long[] {1, 1}, TorchZipBuilder.shorts(0x4049)));
        tensors.put("mask", new Tensor(DType.BOOL, new long[] {3}, new byte[] {1, 0, 1}));
        tensors.put("empty", Tensor.ofFloats(new float[0], 0, 4));
        Path file = dir.resolve("state.safetensors");
        SafeTensors.write(file, tensors, Map.of("step", "7"));
        SafeTensors.Contents back = SafeTensors.readContents(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        assertEquals(tensors, back.tensors());
        assertEquals(Map.of("step", "7"), back.metadata());
        assertArrayEquals(new float[] {1, -2, Float.POSITIVE_INFINITY}, back.tensors().get("half").toFloats());
        assertArrayEquals(new float[] {3.140625f}, back.tensors().get("bf16").toFloats());
    }

    @Test
    void readsTheFixtureWrittenByPython() throws Exception {
        Map<String, Tensor> sd = SafeTensors.read(TinyClipFixture.file("model.safetensors"));
        assertEquals(62, sd.size());
        assertArrayEquals(new long[] {17, 64}, sd.get("visual.positional_embedding").shape());
        assertArrayEquals(new long[] {}, sd.get("logit_scale").shape());
        assertEquals(DType.F32, sd.get("logit_scale").dtype());
    }

    @Test
    void convertsToAndFromNdArraysAndKeepsBfloat16AwayFromDjl() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3));
            Tensor t = Tensor.of(a);
            assertEquals(DType.F32, t.dtype());
            assertArrayEquals(new long[] {2, 3}, t.shape());
            assertArrayEquals(a.toFloatArray(), t.toNDArray(m).toFloatArray());
            NDArray longs = Tensor.ofLongs(new long[] {5, -6}, 2).toNDArray(m);
            assertEquals(DataType.INT64, longs.getDataType());
            assertArrayEquals(new long[] {5, -6}, longs.toLongArray());
            NDArray fromBf16 = new Tensor(DType.BF16, new long[] {2}, TorchZipBuilder.shorts(0x3f80, 0xc0a0)).toNDArray(m);
            assertEquals(DataType.FLOAT32, fromBf16.getDataType());
            assertArrayEquals(new float[] {1, -5}, fromBf16.toFloatArray());
        }
    }

    @Test
    void rejectsInconsistentTensorsAndReservedNames() {
        assertThrows(IllegalArgumentException.class, () -> new Tensor(DType.F32, new long[] {3}, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("x.safetensors"),
                Map.of("__metadata__", Tensor.ofFloats(new float[] {1}, 1))));
    }

    @Test
    void arraysAreWrittenAndReadOneTensorAtATimeWithHeaderOnlyViews() throws Exception {
        Path file = dir.resolve("arrays.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            arrays.put("w", m.create(new float[] {0.1f, -0f, Float.MIN_VALUE, 3e38f}, new ai.djl.ndarray.types.Shape(2, 2)));
            arrays.put("n", m.create(new long[] {Long.MIN_VALUE, 42}));
            SafeTensors.writeArrays(file, arrays, Map.of("k", "v"));
            assertEquals(Map.of("k", "v"), SafeTensors.readMetadata(file));
            List<SafeTensors.TensorInfo> info = SafeTensors.readInfo(file);
            assertEquals(List.of("w", "n"), info.stream().map(SafeTensors.TensorInfo::name).toList());
            assertEquals(List.of(DType.F32, DType.I64), info.stream().map(SafeTensors.TensorInfo::dtype).toList());
            assertArrayEquals(new long[] {2, 2}, info.get(0).shape());
            List<String> order = new java.util.ArrayList<>();
            Map<String, String> metadata = SafeTensors.forEach(file, (name, t) -> {
                order.add(name);
                assertArrayEquals(arrays.get(name).toByteArray(), t.bytes(), name); // bit for bit
            });
            assertEquals(List.of("w", "n"), order);
            assertEquals(Map.of("k", "v"), metadata);
        }
    }
}
