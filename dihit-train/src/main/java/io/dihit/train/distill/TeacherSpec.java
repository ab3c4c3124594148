package io.dihit.train.distill;

import ai.djl.Device;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.util.UserError;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A teacher model file and the image size it takes: everything needed to load the same teacher
 * anywhere (this JVM, or once per Spark executor). The format follows the extension: {@code .pt} /
 * {@code .torchscript} (TorchScript, PyTorch engine) or {@code .onnx} (ONNX Runtime). Images are
 * preprocessed the CLIP evaluation way ({@link ImagePreprocessor#evaluation}: shorter side to
 * {@code imageSize}, centre crop, CLIP mean / std).
 *
 * @param model     the model file (a plain path; executors must see it at the same path)
 * @param format    how the file is run
 * @param imageSize the side of the square images the teacher takes
 */
public record TeacherSpec(String model, Format format, int imageSize) implements Serializable {

    /** How a teacher file is run. */
    public enum Format { TORCHSCRIPT, ONNX }

    public TeacherSpec {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a teacher model file is required");
        }
        if (format == null) {
            throw new IllegalArgumentException("a teacher format is required");
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("teacher image size must be >= 1, got " + imageSize);
        }
    }

    /** The spec of a model file, its format taken from the extension. */
    public static TeacherSpec of(Path model, int imageSize) {
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        Format format;
        if (name.endsWith(".pt") || name.endsWith(".torchscript")) {
            format = Format.TORCHSCRIPT;
        } else if (name.endsWith(".onnx")) {
            format = Format.ONNX;
        } else if (name.endsWith(".safetensors")) {
            throw new IllegalArgumentException("teacher " + model + ": dihit safetensors teachers are not loadable from"
                    + " a file yet; export the teacher to TorchScript (.pt) or ONNX (.onnx), or use BlockTeacher from Java");
        } else {
            throw new IllegalArgumentException("teacher " + model + ": unknown format; expected a TorchScript .pt or an .onnx file");
        }
        return new TeacherSpec(model.toAbsolutePath().normalize().toString(), format, imageSize);
    }

    /** A clear error when the file is absent, before any engine starts. */
    void requireReadable() {
        Path file = Path.of(model);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserError("teacher model file not found or unreadable: " + file);
        }
    }

    public ConceptTeacher load(Device device) {
        return switch (format) {
            case TORCHSCRIPT -> EngineModelTeacher.torchScript(Path.of(model), device);
            case ONNX -> EngineModelTeacher.onnx(Path.of(model), device);
        };
    }

    /** The preprocessing this teacher's images get. */
    public ImagePreprocessor preprocessor() {
        return ImagePreprocessor.evaluation(imageSize);
    }
}
