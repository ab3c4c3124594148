package io.dihit.train.data;

/**
 * Where the loop's batches come from. Resuming needs the data position, so a source opens an
 * iterator at a position it gave out earlier ({@link Batches#position()}, saved in checkpoints);
 * a deterministic source then yields the same batches as an uninterrupted run would.
 */
@FunctionalInterface
public interface BatchSource {

    /** @param position null for the start, else a value returned by {@link Batches#position()} */
    Batches open(String position);

    /** An iterator of batches that can say where it stands. */
    interface Batches extends java.util.Iterator<TrainingBatch>, AutoCloseable {

        /** Position after the last batch returned by {@link #next()} (opaque, JSON-safe). */
        String position();

        @Override
        default void close() {}
    }

    /** A source whose position is simply the number of batches consumed (batch i depends only on i). */
    static BatchSource indexed(java.util.function.LongFunction<TrainingBatch> batch, long totalBatches) {
        return position -> new Batches() {
            private long next = position == null ? 0 : Long.parseLong(position);

            @Override
            public boolean hasNext() {
                return next < totalBatches;
            }

            @Override
            public TrainingBatch next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return batch.apply(next++);
            }

            @Override
            public String position() {
                return Long.toString(next);
            }
        };
    }
}
