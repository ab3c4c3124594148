/** AdamW with CLIP's weight-decay rule, warm-up + cosine schedule and global-norm clipping. */
package io.dihit.train.optim;
