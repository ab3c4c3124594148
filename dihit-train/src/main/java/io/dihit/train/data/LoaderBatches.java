package io.dihit.train.data;

import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchLoader;
import io.dihit.core.data.LoaderState;
import java.util.NoSuchElementException;

/**
 * dihit-core's {@link BatchLoader} as the loop's batch source. The position is the loader's own
 * resumable state ("epoch:position" of the next sample), so a resumed run reads exactly the samples
 * and augmentations an uninterrupted one would.
 */
public final class LoaderBatches implements BatchSource {

    private final BatchLoader loader;
    private final int epochs;

    /** @param epochs passes over the data before the source runs dry */
    public LoaderBatches(BatchLoader loader, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.loader = loader;
        this.epochs = epochs;
    }

    static String format(LoaderState state) {
        return state.epoch() + ":" + state.position();
    }

    static LoaderState parse(String position) {
        if (position == null) {
            return LoaderState.start();
        }
        String[] parts = position.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a loader position (epoch:position): " + position);
        }
        return new LoaderState(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    @Override
    public Batches open(String position) {
        LoaderState start = parse(position);
        BatchLoader.Batches inner = loader.batches(start, epochs);
        return new Batches() {
            private LoaderState current = start;

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public TrainingBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Batch b = inner.next();
                current = b.next();
                return TrainingBatch.of(b.ids(), b.pixels(), 3, b.imageSize(), b.imageSize(), b.tokens());
            }

            @Override
            public String position() {
                return format(current);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
