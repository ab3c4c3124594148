package io.dihit.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The ViT image tower, with DiHT's field names ({@code vision_cfg} in the zoo configs).
 *
 * @param imageSize square input size in pixels
 * @param patchSize square patch size; must divide {@code imageSize}
 * @param width transformer width
 * @param layers number of residual attention blocks
 * @param headWidth width of one attention head (DiHT default 64); {@code heads = width / headWidth}
 * @param mlpRatio MLP hidden width over {@code width} (DiHT default 4.0)
 */
public record VisionConfig(
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("patch_size") int patchSize,
        @JsonProperty("width") int width,
        @JsonProperty("layers") int layers,
        @JsonProperty("head_width") int headWidth,
        @JsonProperty("mlp_ratio") double mlpRatio) {

    public static final int DEFAULT_HEAD_WIDTH = 64;
    public static final double DEFAULT_MLP_RATIO = 4.0;

    public VisionConfig {
        Checks.positive("vision.image_size", imageSize);
        Checks.positive("vision.patch_size", patchSize);
        Checks.positive("vision.width", width);
        Checks.positive("vision.layers", layers);
        Checks.positive("vision.head_width", headWidth);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("vision.image_size " + imageSize
                    + " is not a multiple of vision.patch_size " + patchSize);
        }
        if (width % headWidth != 0) {
            throw new IllegalArgumentException("vision.width " + width
                    + " is not a multiple of vision.head_width " + headWidth);
        }
        if (!(mlpRatio > 0) || Double.isInfinite(mlpRatio) || (int) (width * mlpRatio) < 1) {
            throw new IllegalArgumentException("vision.mlp_ratio must be positive, got " + mlpRatio);
        }
    }

    /** Jackson entry point: head_width and mlp_ratio default like DiHT's {@code DiHTVisionCfg}. */
    @JsonCreator
    static VisionConfig fromJson(
            @JsonProperty(value = "image_size", required = true) int imageSize,
            @JsonProperty(value = "patch_size", required = true) int patchSize,
            @JsonProperty(value = "width", required = true) int width,
            @JsonProperty(value = "layers", required = true) int layers,
            @JsonProperty("head_width") Integer headWidth,
            @JsonProperty("mlp_ratio") Double mlpRatio) {
        return new VisionConfig(imageSize, patchSize, width, layers,
                headWidth == null ? DEFAULT_HEAD_WIDTH : headWidth,
                mlpRatio == null ? DEFAULT_MLP_RATIO : mlpRatio);
    }

    /** This config at another input resolution (the positional embedding grows with it). */
    public VisionConfig withImageSize(int newImageSize) {
        return new VisionConfig(newImageSize, patchSize, width, layers, headWidth, mlpRatio);
    }

    public int heads() {
        return width / headWidth;
    }

    /** Patches per side. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Sequence length: one class token plus the patches. */
    public int sequenceLength() {
        return gridSize() * gridSize() + 1;
    }

    /** Hidden width of the MLP, truncated like Python's {@code int(width * mlp_ratio)}. */
    public int mlpWidth() {
        return (int) (width * mlpRatio);
    }
}
