/** Batches for the training loop: the adapter over the core loader, synthetic batches, engine array staging. */
package io.dihit.train.data;
