/** Embedding-level benchmarks of the evaluation code (retrieval, linear probe). */
package io.dihit.eval.bench;
