package io.dihit.train.data;

import java.util.Iterator;

/**
 * Where the loop's batches come from. Resuming needs the data position, so a source opens an
 * iterator positioned after {@code batchesConsumed} batches (a deterministic source yields the
 * same batches from there as an uninterrupted run would).
 */
@FunctionalInterface
public interface BatchSource {

    Iterator<TrainingBatch> openAt(long batchesConsumed);
}
