/** AdamW and its configuration, warm-up + cosine schedule and global-norm clipping. */
package io.dihit.train.optim;
