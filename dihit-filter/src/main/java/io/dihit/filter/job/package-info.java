/** The streaming, resumable filter job on one machine: every input row ends kept, rejected or failed, by id. */
package io.dihit.filter.job;
