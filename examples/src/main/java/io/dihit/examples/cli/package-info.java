/** Subcommands of the {@code dihit} launcher. */
package io.dihit.examples.cli;
