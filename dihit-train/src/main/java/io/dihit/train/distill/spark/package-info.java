/** Teacher soft labels ({@code dihit distill}) as a Spark job: one task per input file, the same per-row code, outputs and accounting as the local command. */
package io.dihit.train.distill.spark;
