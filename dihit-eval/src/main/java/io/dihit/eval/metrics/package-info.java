/** Classification metrics (top-k accuracy, per-class accuracy). */
package io.dihit.eval.metrics;
