/** CAT data filtering (Complexity, Action, Text-spotting): the rule, the scorer and the {@code dihit filter} command line. */
package io.dihit.filter;
