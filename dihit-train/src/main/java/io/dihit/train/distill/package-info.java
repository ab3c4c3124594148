/**
 * Concept distillation: frozen image teachers (dihit, TorchScript, ONNX), the soft-label sidecar
 * ({@code dihit distill}, or {@code SparkDistillJob} with one Spark task per input file and the same
 * per-row code, outputs and accounting) and the distillation loss.
 */
package io.dihit.train.distill;
