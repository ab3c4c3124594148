/** Contrastive losses: InfoNCE and DiHT's hard-negative HN-NCE. */
package io.dihit.train.loss;
