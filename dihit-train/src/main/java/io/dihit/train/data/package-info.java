/** Synthetic batches (core's {@code Batch}) for benchmarks, smoke runs and tests. */
package io.dihit.train.data;
