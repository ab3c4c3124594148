/** The CAT filter as a Spark job, with the same per-row code and accounting as the local job. */
package io.dihit.filter.spark;
