/** The {@code dihit} command line. */
package io.dihit.examples;
