/** Linear probes on frozen embeddings: the plain L-BFGS softmax probe and DiHT's few-shot probe initialised from the zero-shot classifier. */
package io.dihit.eval.probe;
