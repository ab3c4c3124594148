/** The training run's JSON configuration. */
package io.dihit.train.config;
