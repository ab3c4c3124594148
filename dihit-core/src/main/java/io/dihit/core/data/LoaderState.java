package io.dihit.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * Where a {@link BatchSource} is: the next position to consume in epoch {@code epoch}. For a
 * {@link BatchLoader} the position is the next sample in the epoch's shuffled order; for an
 * {@link BatchSource#indexed indexed} source the epoch stays 0 and the position counts batches.
 * Saving it with a checkpoint and passing it back resumes with exactly the batches an uninterrupted
 * run would have produced. JSON: {"epoch":..,"position":..}.
 */
public record LoaderState(@JsonProperty("epoch") int epoch, @JsonProperty("position") long position)
        implements Serializable {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public LoaderState {
        if (epoch < 0 || position < 0) {
            throw new IllegalArgumentException("epoch and position must be >= 0, got " + epoch + ", " + position);
        }
    }

    public static LoaderState start() {
        return new LoaderState(0, 0);
    }

    /**
     * Reads the string form that checkpoints written before the typed state used: "epoch:position"
     * (the loader) or a batch count (indexed sources).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LoaderState parse(String text) {
        try {
            int colon = text.indexOf(':');
            return colon < 0 ? new LoaderState(0, Long.parseLong(text.trim()))
                    : new LoaderState(Integer.parseInt(text.substring(0, colon).trim()),
                            Long.parseLong(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a loader state (epoch:position or a batch count): " + text, e);
        }
    }
}
