package io.dihit.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * Where batches come from: {@link BatchLoader#source(int)} over a dataset, or an indexed source
 * (synthetic data, the demo). Resuming needs the data position, so a source opens an iterator at a
 * {@link LoaderState} that one of its batches gave out ({@link Batch#next()}, saved in checkpoints);
 * a deterministic source then yields the same batches as an uninterrupted run would.
 */
@FunctionalInterface
public interface BatchSource {

    /** @param from {@link LoaderState#start()} or the {@link Batch#next()} of a batch this source gave */
    Batches open(LoaderState from);

    /** An iterator of batches; close it when stopping early. */
    interface Batches extends Iterator<Batch>, AutoCloseable {
        @Override
        default void close() {}
    }

    /**
     * A source whose batch {@code i} depends only on {@code i}: its state is epoch 0 and the number of
     * batches consumed. {@code batch} must build batch {@code i} with {@link Batch#indexed}.
     */
    static BatchSource indexed(LongFunction<Batch> batch, long totalBatches) {
        return from -> {
            if (from.epoch() != 0) {
                throw new IllegalArgumentException("an indexed source stays in epoch 0, cannot resume at " + from);
            }
            return new Batches() {
                private long next = from.position();

                @Override
                public boolean hasNext() {
                    return next < totalBatches;
                }

                @Override
                public Batch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Batch b = batch.apply(next);
                    if (!b.next().equals(new LoaderState(0, next + 1))) {
                        throw new IllegalStateException("indexed batch " + next + " resumes at " + b.next()
                                + ": build it with Batch.indexed");
                    }
                    next++;
                    return b;
                }
            };
        };
    }
}
