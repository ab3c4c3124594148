package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dihit.core.io.Checkpoints;
import io.dihit.core.model.ClipModel;
import java.util.Map;

/** dihit-core's ClipModel as the loop's encoder; parameter names are DiHT's state-dict keys. */
public record ClipModelEncoder(ClipModel model) implements ImageTextEncoder {

    public ClipModelEncoder {
        if (!model.isInitialized()) {
            throw new IllegalArgumentException("initialise the ClipModel (or load a checkpoint) before training it");
        }
    }

    @Override
    public Block block() {
        return model;
    }

    @Override
    public int embedDim() {
        return model.config().embedDim();
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return model.namedParameters();
    }

    @Override
    public Map<String, String> modelMetadata() {
        return Checkpoints.modelMetadata(model.config(), null);
    }

    @Override
    public Parameter logLogitScale() {
        return model.logLogitScale();
    }

    @Override
    public NDArray encodeImage(ParameterStore ps, NDArray images, boolean training) {
        return model.encodeImage(ps, images, training);
    }

    @Override
    public NDArray encodeText(ParameterStore ps, NDArray tokens, boolean training) {
        return model.encodeText(ps, tokens, training);
    }
}
