/** Contrastive pre-training: the training loop on DJL primitives, checkpoints, metrics and the {@code dihit train} command line. */
package io.dihit.train;
