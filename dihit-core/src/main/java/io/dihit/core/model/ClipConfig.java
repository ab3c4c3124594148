package io.dihit.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A CLIP model in the DiHT layout. JSON uses DiHT's / open_clip's zoo field names:
 * <pre>{@code
 * {"embed_dim": 512, "quick_gelu": false,
 *  "vision_cfg": {"image_size": 224, "patch_size": 32, "width": 768, "layers": 12},
 *  "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 512, "heads": 8, "layers": 12}}
 * }</pre>
 * Unknown fields are rejected so that a typo never silently falls back to a default.
 *
 * @param embedDim size of the shared image-text embedding
 * @param quickGelu open_clip's {@code "quick_gelu"}: true for QuickGELU (OpenAI CLIP weights), false for exact
 *                  GELU (DiHT); null when the config does not say, which means exact GELU (open_clip's default)
 *                  but makes {@code Checkpoints.load} refuse OpenAI-style files, whose activation would be a guess
 * @param vision image tower
 * @param text text tower
 */
public record ClipConfig(
        @JsonProperty("embed_dim") int embedDim,
        @JsonProperty("quick_gelu") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean quickGelu,
        @JsonProperty("vision_cfg") VisionConfig vision,
        @JsonProperty("text_cfg") TextConfig text) {

    /** Suffix of built-in names that selects QuickGELU, as open_clip's {@code ViT-B-32-quickgelu}. */
    public static final String QUICK_GELU_SUFFIX = "-quickgelu";

    /** DiHT's model zoo: the architectures of the released DiHT checkpoints (each also with {@link #QUICK_GELU_SUFFIX}). */
    public static final List<String> ZOO = List.of(
            "diht_vitb32_224px", "diht_vitb16_224px", "diht_vitl14_224px", "diht_vitl14_336px");

    /**
     * Small architectures with no released weights, for training on a few CPU cores: {@code tiny_fixture} (unit-test
     * fixtures), {@code bench_small} (benchmarks), {@code demo_tiny} and {@code demo_small} (the emoji demo).
     */
    public static final List<String> SMALL = List.of("tiny_fixture", "bench_small", "demo_tiny", "demo_small");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @JsonCreator
    public ClipConfig(
            @JsonProperty(value = "embed_dim", required = true) int embedDim,
            @JsonProperty("quick_gelu") Boolean quickGelu,
            @JsonProperty(value = "vision_cfg", required = true) VisionConfig vision,
            @JsonProperty(value = "text_cfg", required = true) TextConfig text) {
        Checks.positive("embed_dim", embedDim);
        this.embedDim = embedDim;
        this.quickGelu = quickGelu;
        this.vision = Objects.requireNonNull(vision, "vision_cfg");
        this.text = Objects.requireNonNull(text, "text_cfg");
    }

    /** A config that does not choose its activation (exact GELU). */
    public ClipConfig(int embedDim, VisionConfig vision, TextConfig text) {
        this(embedDim, null, vision, text);
    }

    /** The MLP activation: QuickGELU only when the config says {@code "quick_gelu": true}. */
    public Activation activation() {
        return Boolean.TRUE.equals(quickGelu) ? Activation.QUICK_GELU : Activation.GELU;
    }

    /** Whether the config states its activation ({@code "quick_gelu"} present). */
    public boolean activationChosen() {
        return quickGelu != null;
    }

    public ClipConfig withVision(VisionConfig newVision) {
        return new ClipConfig(embedDim, quickGelu, newVision, text);
    }

    public ClipConfig withText(TextConfig newText) {
        return new ClipConfig(embedDim, quickGelu, vision, newText);
    }

    public ClipConfig withEmbedDim(int newEmbedDim) {
        return new ClipConfig(newEmbedDim, quickGelu, vision, text);
    }

    /** This config with its activation chosen: QuickGELU for OpenAI-style weights, else exact GELU. */
    public ClipConfig withActivation(Activation activation) {
        return new ClipConfig(embedDim, activation == Activation.QUICK_GELU, vision, text);
    }

    public static ClipConfig fromJson(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + path, e);
        }
    }

    public static ClipConfig fromJson(String json) {
        try {
            return JSON.readValue(json, ClipConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid model config: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A built-in config by name: one of {@link #ZOO} or {@link #SMALL}, both shipped as resources under
     * {@code io/dihit/core/model/configs/}. A name ending in {@link #QUICK_GELU_SUFFIX} (for example
     * {@code diht_vitb32_224px-quickgelu}) is that config with QuickGELU, for OpenAI-style weights.
     */
    public static ClipConfig named(String name) {
        if (name.endsWith(QUICK_GELU_SUFFIX)) {
            return named(name.substring(0, name.length() - QUICK_GELU_SUFFIX.length())).withActivation(Activation.QUICK_GELU);
        }
        String resource = "configs/" + name + ".json";
        try (InputStream in = ClipConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in model config '" + name + "'; known: zoo " + ZOO + ", small " + SMALL);
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config resource " + resource, e);
        }
    }

    private static ClipConfig parse(InputStream in, String source) throws IOException {
        try {
            return JSON.readValue(in, ClipConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid model config " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path path) {
        try {
            Files.writeString(path, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model config " + path, e);
        }
    }
}
