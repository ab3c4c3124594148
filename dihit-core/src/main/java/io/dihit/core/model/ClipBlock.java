package io.dihit.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every model block. Parameter shapes are fixed at construction from the config (no shape
 * inference), so parameter counts are known without allocating, and {@link #namedParameters} yields
 * the DiHT / open_clip state-dict key of every parameter (e.g. {@code visual.transformer.resblocks.0.attn.in_proj_weight}).
 */
abstract class ClipBlock extends AbstractBlock {
    private final Map<String, Parameter> localParameters = new LinkedHashMap<>();
    private final Map<String, ClipBlock> localChildren = new LinkedHashMap<>();

    protected ClipBlock() {
        super((byte) 1);
    }

    /** Declares a parameter under its open_clip local name (e.g. {@code in_proj_weight}). */
    protected final Parameter parameter(String name, Parameter.Type type, Shape shape, Initializer init) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build();
        localParameters.put(name, addParameter(p));
        return p;
    }

    /** Declares a child whose keys sit under {@code name.} in the state dict. */
    protected final <B extends ClipBlock> B child(String name, B block) {
        return child(name, name + ".", block);
    }

    /**
     * Declares a child whose state-dict keys start with {@code keyPrefix} (empty for open_clip's text
     * tower, whose keys sit at the root).
     */
    protected final <B extends ClipBlock> B child(String name, String keyPrefix, B block) {
        localChildren.put(keyPrefix, addChildBlock(name, block));
        return block;
    }

    /** Adds every parameter of this block and its children to {@code out}, keyed by its state-dict name. */
    public final void namedParameters(String prefix, Map<String, Parameter> out) {
        localParameters.forEach((name, p) -> out.put(prefix + name, p));
        localChildren.forEach((keyPrefix, c) -> c.namedParameters(prefix + keyPrefix, out));
    }

    /** Children have fixed parameter shapes, so they initialise without input shapes. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (ClipBlock child : localChildren.values()) {
            child.initialize(manager, dataType);
        }
    }
}
