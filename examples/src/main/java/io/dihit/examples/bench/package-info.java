/** Benchmark mains whose figures are recorded in docs/benchmarks.md. */
package io.dihit.examples.bench;
