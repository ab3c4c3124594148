/** Contrastive losses, InfoNCE and DiHT's hard-negative HN-NCE, and their configuration. */
package io.dihit.train.loss;
