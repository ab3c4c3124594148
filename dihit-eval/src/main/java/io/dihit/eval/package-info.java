/** Evaluation of a CLIP model: the {@code dihit eval} command line over the packages below. */
package io.dihit.eval;
