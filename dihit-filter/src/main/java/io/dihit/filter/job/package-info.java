/**
 * The streaming, resumable filter job: every input row ends kept, rejected or failed, by id. {@code LocalFilterJob}
 * runs it on one machine, {@code SparkFilterJob} spreads the same per-row code and accounting over a Spark
 * cluster (Spark is then on the classpath, supplied by spark-submit).
 */
package io.dihit.filter.job;
