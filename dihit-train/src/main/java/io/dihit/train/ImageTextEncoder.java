package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dihit.train.optim.WeightDecayRule;
import java.util.Map;

/**
 * What the training loop needs from a dual encoder: two towers returning unnormalised embeddings,
 * a learned log logit scale, and every trainable parameter under a stable name (names decide
 * weight decay and key checkpoints). {@link ClipEncoder} adapts dihit-core's ClipModel.
 */
public interface ImageTextEncoder {

    /** The block owning all parameters (already initialised). */
    Block block();

    int embedDim();

    /** Every trainable parameter by stable name, in a fixed order. */
    Map<String, Parameter> namedParameters();

    /**
     * Whether AdamW decays this parameter (by default {@link WeightDecayRule}: matrices that are not
     * embeddings). Models with their own rule override it.
     */
    default boolean usesWeightDecay(String name) {
        return WeightDecayRule.decays(name, namedParameters().get(name).getShape());
    }

    /**
     * What model files record about this encoder besides its weights (ClipEncoder: its config, under
     * {@code Checkpoints.CONFIG_METADATA_KEY}, so readers rebuild the model from the file alone).
     */
    default Map<String, String> modelMetadata() {
        return Map.of();
    }

    /** The learned log temperature, a scalar. */
    Parameter logitScale();

    /** (N, 3, H, W) float images -> (N, embedDim) unnormalised embeddings. */
    NDArray encodeImage(ParameterStore ps, NDArray images, boolean training);

    /** (N, context) int token rows -> (N, embedDim) unnormalised embeddings. */
    NDArray encodeText(ParameterStore ps, NDArray tokens, boolean training);
}
