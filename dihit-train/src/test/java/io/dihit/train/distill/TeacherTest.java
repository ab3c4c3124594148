package io.dihit.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teacher wrappers against PyTorch 1.13's own outputs for the same tiny model (teachers/make_teachers.py). */
class TeacherTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TeacherTest.class.getResource("/teachers/" + name).toURI());
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = TeacherTest.class.getResourceAsStream("/teachers/tiny_teacher_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static float[] flatten(JsonNode node) {
        List<Float> values = new ArrayList<>();
        collect(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, List<Float> into) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        } else {
            into.add((float) node.asDouble());
        }
    }

    private void assertMatchesReference(ConceptTeacher teacher) throws IOException {
        JsonNode ref = reference();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(flatten(ref.get("images")), new Shape(3, 3, 8, 8));
            NDArray logits = teacher.conceptLogits(images);
            assertEquals(new Shape(3, 5), logits.getShape());
            assertArrayEquals(flatten(ref.get("logits")), logits.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void torchScriptTeacherMatchesPyTorch() throws Exception {
        try (ConceptTeacher teacher = EngineModelTeacher.torchScript(resource("tiny_teacher.torchscript.pt"), Device.cpu())) {
            assertMatchesReference(teacher);
        }
    }

    @Test
    void onnxTeacherMatchesPyTorch() throws Exception {
        try (ConceptTeacher teacher = EngineModelTeacher.onnx(resource("tiny_teacher.onnx"), Device.cpu())) {
            assertMatchesReference(teacher);
        }
    }

    @Test
    void missingTeacherFileIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineModelTeacher.onnx(dir.resolve("absent.onnx"), Device.cpu()));
        assertEquals("teacher model file not found: " + dir.resolve("absent.onnx"), e.getMessage());
    }

    /** A flatten + linear teacher with hand-set weights W = [[1,0],[0,1],[1,1]], b = 0 (3 concepts). */
    static SequentialBlock handTeacher(NDManager manager) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).optBias(true).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 1, 2));
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.getType() == Parameter.Type.WEIGHT) {
                p.getArray().set(new float[] {1, 0, 0, 1, 1, 1});
            } else {
                p.getArray().set(new float[] {0, 0, 0});
            }
        }
        return block;
    }

    @Test
    void blockTeacherLoadsSavedParameters() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Path saved = dir.resolve("teacher.params");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(saved))) {
                handTeacher(m).saveParameters(out);
            }
            SequentialBlock fresh = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(3).optBias(true).build());
            fresh.initialize(m, DataType.FLOAT32, new Shape(1, 1, 1, 2)); // random, overwritten by load
            try (ConceptTeacher teacher = BlockTeacher.load(fresh, saved, m)) {
                NDArray logits = teacher.conceptLogits(m.create(new float[] {2, 5}, new Shape(1, 1, 1, 2)));
                assertArrayEquals(new float[] {2, 5, 7}, logits.toFloatArray(), 1e-6f);
            }
        }
    }
}
