/** Small dense vector helpers for the probes and metrics. */
package io.dihit.eval.math;
