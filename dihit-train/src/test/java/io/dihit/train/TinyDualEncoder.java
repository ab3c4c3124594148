package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.dihit.core.model.ClipModel;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal dual encoder for loop tests: a linear map of the flattened image, one of the token ids (as floats). */
final class TinyDualEncoder extends AbstractBlock implements ImageTextEncoder {

    final int imageSize;
    final int contextLength;
    final int vocabSize;
    private final int embedDim;
    private final Block visual;
    private final Block text;
    private final Parameter logitScale;

    TinyDualEncoder(int imageSize, int contextLength, int vocabSize, int embedDim, double initialLogitScale) {
        this.imageSize = imageSize;
        this.contextLength = contextLength;
        this.vocabSize = vocabSize;
        this.embedDim = embedDim;
        visual = addChildBlock("visual", Linear.builder().setUnits(embedDim).build());
        text = addChildBlock("text", Linear.builder().setUnits(embedDim).build());
        logitScale = addParameter(Parameter.builder().setName("logit_scale").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape()).optInitializer(new ConstantInitializer((float) initialLogitScale)).build());
    }

    /** Seeded initialisation of every parameter. */
    static TinyDualEncoder create(NDManager manager, long seed, double initialLogitScale) {
        manager.getEngine().setRandomSeed((int) seed);
        TinyDualEncoder e = new TinyDualEncoder(4, 6, 20, 8, initialLogitScale);
        e.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4, 4), new Shape(1, 6));
        return e;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        visual.initialize(manager, dataType, new Shape(1, 3L * imageSize * imageSize));
        text.initialize(manager, dataType, new Shape(1, contextLength));
    }

    @Override
    public Block block() {
        return this;
    }

    @Override
    public int embedDim() {
        return embedDim;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        visual.getParameters().forEach(p -> named.put("visual.proj." + p.getValue().getName(), p.getValue()));
        text.getParameters().forEach(p -> named.put("text.proj." + p.getValue().getName(), p.getValue()));
        named.put("logit_scale", logitScale);
        return named;
    }

    @Override
    public Parameter logLogitScale() {
        return logitScale;
    }

    @Override
    public NDArray encodeImage(ParameterStore ps, NDArray images, boolean training) {
        return visual.forward(ps, new NDList(images.reshape(images.getShape().get(0), -1)), training).singletonOrThrow();
    }

    @Override
    public NDArray encodeText(ParameterStore ps, NDArray tokens, boolean training) {
        NDArray asFloat = tokens.toType(DataType.FLOAT32, false).div(vocabSize);
        return text.forward(ps, new NDList(asFloat), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(ClipModel.normalize(encodeImage(ps, inputs.get(0), training)),
                ClipModel.normalize(encodeText(ps, inputs.get(1), training)),
                ps.getValue(logitScale, inputs.get(0).getDevice(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embedDim), new Shape(inputShapes[1].get(0), embedDim),
            new Shape()};
    }
}
