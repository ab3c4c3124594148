/** Helpers every module's command line and jobs share: progress bar, argument parsing, user errors, an order-keeping parallel map, a bounded memo. */
package io.dihit.core.util;
