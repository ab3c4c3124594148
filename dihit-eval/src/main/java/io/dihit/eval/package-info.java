/** Evaluation of a CLIP model: the {@link io.dihit.eval.Evaluation} API and the {@code dihit eval} command line over it. */
package io.dihit.eval;
