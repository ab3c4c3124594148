/** The training run's configuration: one immutable record per section, read and written as JSON, with builders. */
package io.dihit.train.config;
