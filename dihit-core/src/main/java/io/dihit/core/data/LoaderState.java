package io.dihit.core.data;

import java.io.Serializable;

/**
 * Where a {@link BatchLoader} is: the next position to consume in the shuffled order of
 * {@code epoch}. Saving it with a checkpoint and passing it back resumes with exactly the batches
 * an uninterrupted run would have produced. Jackson serialises it as {"epoch":..,"position":..}.
 */
public record LoaderState(int epoch, long position) implements Serializable {
    public LoaderState {
        if (epoch < 0 || position < 0) {
            throw new IllegalArgumentException("epoch and position must be >= 0, got " + epoch + ", " + position);
        }
    }

    public static LoaderState start() {
        return new LoaderState(0, 0);
    }
}
