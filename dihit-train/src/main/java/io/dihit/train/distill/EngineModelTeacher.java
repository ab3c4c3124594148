package io.dihit.train.distill;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A teacher exported from another framework and run through a DJL engine: TorchScript through the
 * PyTorch engine, or ONNX through the ONNX Runtime engine. The model takes one (N, 3, H, W) float
 * tensor and returns (N, C) logits. When the teacher's engine differs from the caller's, arrays are
 * copied across (the teacher runs once, offline, so the copy does not matter).
 */
public final class EngineModelTeacher implements ConceptTeacher {

    public static final String PYTORCH = "PyTorch";
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    private final Model model;

    private EngineModelTeacher(Model model) {
        this.model = model;
    }

    /** A TorchScript file ({@code torch.jit.script(m).save(path)}) on the PyTorch engine. */
    public static EngineModelTeacher torchScript(Path file, Device device) {
        return load(file, PYTORCH, device);
    }

    /** An ONNX file on DJL's ONNX Runtime engine (needs ai.djl.onnxruntime:onnxruntime-engine). */
    public static EngineModelTeacher onnx(Path file, Device device) {
        return load(file, ONNX_RUNTIME, device);
    }

    private static EngineModelTeacher load(Path file, String engine, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("teacher model file not found: " + file);
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        Model model = Model.newInstance(dot > 0 ? fileName.substring(0, dot) : fileName, device, engine);
        try {
            model.load(file);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read teacher " + file, e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot load teacher " + file + " with the " + engine + " engine: "
                    + e.getMessage(), e);
        }
        return new EngineModelTeacher(model);
    }

    @Override
    public NDArray conceptLogits(NDArray images) {
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            NDArray input = scratch.create(images.toType(DataType.FLOAT32, false).toFloatArray(), images.getShape());
            NDList output = model.getBlock().forward(new ParameterStore(scratch, false), new NDList(input), false);
            NDArray logits = output.get(0);
            if (logits.getShape().dimension() != 2 || logits.getShape().get(0) != images.getShape().get(0)) {
                throw new IllegalStateException("teacher " + model.getName() + " returned shape " + logits.getShape()
                        + " for " + images.getShape().get(0) + " images; expected (N, concepts)");
            }
            return images.getManager().create(logits.toType(DataType.FLOAT32, false).toFloatArray(), logits.getShape());
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
