package io.dihit.filter.ocr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text spotting with PaddleOCR PP-OCRv4 (DB detection + CTC recognition ONNX models) on ONNX Runtime.
 *
 * <p>Per image: composite on white, pad with white, resize so the sides are multiples of 32 within
 * [detectionMinSide, detectionMaxSide], detect (ImageNet mean/std, BGR), extract boxes
 * ({@link DbBoxExtractor}), crop each box from the padded image straight to the recogniser's height
 * (one bilinear resampling), recognise all boxes of the image in one batch ((x/255 - 0.5) / 0.5,
 * zero-padded to a common width) and decode greedily ({@link CtcGreedyDecoder}). One
 * {@link SpottedWord} per text line, in reading order.
 *
 * <p>Thread-safe: ONNX Runtime sessions accept concurrent {@code run} calls.
 */
public final class PaddleOcrSpotter implements TextSpotter {
    private static final float[] DET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] DET_STD = {0.229f, 0.224f, 0.225f};
    private static final float[] REC_MEAN = {0.5f, 0.5f, 0.5f};
    private static final float[] REC_STD = {0.5f, 0.5f, 0.5f};

    private final PaddleOcrConfig config;
    private final OrtEnvironment env;
    private final OrtSession detector;
    private final OrtSession recogniser;
    private final String detectorInput;
    private final String recogniserInput;
    private final DbBoxExtractor boxExtractor;
    private final CtcGreedyDecoder decoder;

    public PaddleOcrSpotter(PaddleOcrConfig config) throws IOException {
        this.config = config.requireFilesExist();
        this.decoder = CtcGreedyDecoder.fromDictionaryFile(config.dictionary());
        this.boxExtractor = new DbBoxExtractor(config.binaryThreshold(), config.boxThreshold(),
                config.unclipRatio(), config.minBoxSide());
        this.env = OrtEnvironment.getEnvironment();
        OrtSession det = null;
        OrtSession rec = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(config.threads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            det = env.createSession(config.detectionModel().toString(), options);
            rec = env.createSession(config.recognitionModel().toString(), options);
            checkRecogniserClasses(rec, decoder);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(det);
            closeQuietly(rec);
            throw new IOException("cannot load PaddleOCR models " + config.detectionModel() + ", "
                    + config.recognitionModel() + ": " + e.getMessage(), e);
        }
        this.detector = det;
        this.recogniser = rec;
        this.detectorInput = det.getInputNames().iterator().next();
        this.recogniserInput = rec.getInputNames().iterator().next();
    }

    /** The dictionary must fit the recogniser's output, or every decoded character would be wrong. */
    private static void checkRecogniserClasses(OrtSession recogniser, CtcGreedyDecoder decoder) throws OrtException {
        NodeInfo output = recogniser.getOutputInfo().values().iterator().next();
        if (output.getInfo() instanceof TensorInfo info) {
            long[] shape = info.getShape();
            long classes = shape[shape.length - 1];
            if (classes > 0 && classes != decoder.classCount()) {
                throw new IllegalStateException("recogniser has " + classes + " classes but the dictionary gives "
                        + decoder.classCount() + " (blank + characters + space)");
            }
        }
    }

    public PaddleOcrConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "paddleocr-ppocrv4";
    }

    @Override
    public List<SpottedWord> spot(BufferedImage image) throws IOException {
        OcrImage source = OcrImage.onWhite(image);
        int pad = (int) Math.round(config.paddingFraction() * Math.min(source.width(), source.height()));
        OcrImage padded = source.paddedWithWhite(pad);
        try {
            List<TextBox> boxes = detect(padded);
            return boxes.isEmpty() ? List.of() : recognise(padded, boxes);
        } catch (OrtException e) {
            throw new IOException("PaddleOCR failed on a " + image.getWidth() + "x" + image.getHeight() + " image", e);
        }
    }

    /** Text boxes in the padded image's coordinates. */
    List<TextBox> detect(OcrImage padded) throws OrtException {
        int shorter = Math.min(padded.width(), padded.height());
        int longer = Math.max(padded.width(), padded.height());
        double scale = Math.max(1.0, (double) config.detectionMinSide() / shorter);
        scale = Math.min(scale, (double) config.detectionMaxSide() / longer);
        int w = multipleOf32(padded.width() * scale);
        int h = multipleOf32(padded.height() * scale);
        float[] input = new float[3 * w * h];
        padded.resized(w, h).writeBgrChw(input, 0, w, h, DET_MEAN, DET_STD);
        float[] map;
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
             OrtSession.Result result = detector.run(Map.of(detectorInput, tensor))) {
            map = floats((OnnxTensor) result.get(0), (long) w * h);
        }
        List<TextBox> boxes = new ArrayList<>();
        for (TextBox box : boxExtractor.extract(map, w, h)) {
            TextBox inImage = box.transformed((double) padded.width() / w, (double) padded.height() / h, 0, 0)
                    .clippedTo(padded.width(), padded.height());
            if (inImage != null && inImage.width() >= 1 && inImage.height() >= 1) {
                boxes.add(inImage);
            }
        }
        return boxes;
    }

    private List<SpottedWord> recognise(OcrImage padded, List<TextBox> boxes) throws OrtException {
        int height = config.recognitionHeight();
        int[] widths = new int[boxes.size()];
        int tensorWidth = config.recognitionMinWidth();
        for (int i = 0; i < boxes.size(); i++) {
            TextBox box = boxes.get(i);
            widths[i] = (int) Math.min(config.recognitionMaxWidth(), Math.max(1, Math.ceil(height * box.width() / box.height())));
            tensorWidth = Math.max(tensorWidth, widths[i]);
        }
        int perImage = 3 * height * tensorWidth;
        float[] input = new float[boxes.size() * perImage];  // zero = the padding PaddleOCR uses
        for (int i = 0; i < boxes.size(); i++) {
            TextBox box = boxes.get(i);
            padded.resampled(box.x0(), box.y0(), box.x1(), box.y1(), widths[i], height)
                    .writeBgrChw(input, i * perImage, tensorWidth, height, REC_MEAN, REC_STD);
        }
        long[] shape = {boxes.size(), 3, height, tensorWidth};
        List<SpottedWord> words = new ArrayList<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = recogniser.run(Map.of(recogniserInput, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] outShape = output.getInfo().getShape();  // (boxes, steps, classes)
            int steps = (int) outShape[1];
            if (outShape[2] != decoder.classCount()) {
                throw new IllegalStateException("recogniser output has " + outShape[2] + " classes, dictionary "
                        + decoder.classCount());
            }
            float[] probabilities = floats(output, (long) boxes.size() * steps * outShape[2]);
            for (int i = 0; i < boxes.size(); i++) {
                CtcGreedyDecoder.Decoded line = decoder.decode(probabilities, (int) (i * steps * outShape[2]), steps);
                String text = line.text().strip();
                if (!text.isEmpty()) {
                    words.add(new SpottedWord(text, Math.min(1.0, Math.max(0.0, line.confidence()))));
                }
            }
        }
        return words;
    }

    private static float[] floats(OnnxTensor tensor, long expected) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer.remaining() != expected) {
            throw new IllegalStateException("model output has " + buffer.remaining() + " values, expected " + expected);
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static int multipleOf32(double side) {
        return Math.max(32, (int) Math.round(side / 32) * 32);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(detector);
        closeQuietly(recogniser);
    }
}
