package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * What the training loop needs from a dual encoder: two towers returning unnormalised embeddings,
 * the learned log logit scale, and every trainable parameter under a stable name (names decide
 * weight decay by {@link io.dihit.core.model.WeightDecayRule} and key checkpoints).
 * {@link ClipModelEncoder} adapts dihit-core's ClipModel.
 */
public interface ImageTextEncoder {

    /** The block owning all parameters (already initialised). */
    Block block();

    int embedDim();

    /** Every trainable parameter by stable name, in a fixed order. */
    Map<String, Parameter> namedParameters();

    /**
     * What model files record about this encoder besides its weights (ClipModelEncoder: its config, under
     * {@code Checkpoints.CONFIG_METADATA_KEY}, so readers rebuild the model from the file alone).
     */
    default Map<String, String> modelMetadata() {
        return Map.of();
    }

    /** The learned log of the logit multiplier, a scalar (its state-dict name is logit_scale). */
    Parameter logLogitScale();

    /** (N, 3, H, W) float images -> (N, embedDim) unnormalised embeddings. */
    NDArray encodeImage(ParameterStore ps, NDArray images, boolean training);

    /** (N, context) int token rows -> (N, embedDim) unnormalised embeddings. */
    NDArray encodeText(ParameterStore ps, NDArray tokens, boolean training);
}
