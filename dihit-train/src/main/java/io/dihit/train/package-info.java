/**
 * Contrastive pre-training: {@link io.dihit.train.Trainer} (train from Java, returning a Clip), the
 * training loop on DJL primitives and its listeners (metrics, progress, loss plot, checkpoints), and
 * the {@code dihit train} command line.
 */
package io.dihit.train;
