package io.dihit.train.distill;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A teacher that is a DJL block in this JVM (for example a dihit image tower plus concept head, or
 * the demo's supervised concept classifier). Its parameters are frozen and it always runs in
 * inference mode. The block must already be initialised or be loaded with {@link #load}.
 */
public final class BlockTeacher implements ConceptTeacher {

    private final Block block;

    public BlockTeacher(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("teacher block has uninitialised parameters; initialise or load it first");
        }
        this.block = block;
        block.freezeParameters(true);
    }

    /**
     * Loads parameters saved with {@link Block#saveParameters} into {@code block} (whose structure
     * must match) and wraps it. {@code manager} owns the loaded parameter arrays.
     */
    public static BlockTeacher load(Block block, Path parameterFile, NDManager manager) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(parameterFile));
             DataInputStream data = new DataInputStream(in)) {
            block.loadParameters(manager, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read teacher parameters " + parameterFile, e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("teacher parameters " + parameterFile + " do not fit the block: "
                    + e.getMessage(), e);
        }
        return new BlockTeacher(block);
    }

    @Override
    public NDArray conceptLogits(NDArray images) {
        ParameterStore store = new ParameterStore(images.getManager(), false);
        NDArray logits = block.forward(store, new NDList(images), false).singletonOrThrow();
        return logits.stopGradient();
    }

    @Override
    public void close() {
        // The block's parameters belong to whoever created the block.
    }
}
