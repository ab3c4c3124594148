/** Concept distillation: frozen image teachers (dihit, TorchScript, ONNX), the soft-label sidecar and the distillation loss. */
package io.dihit.train.distill;
