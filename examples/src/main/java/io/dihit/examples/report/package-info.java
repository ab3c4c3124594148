/** Images for the demo's report. */
package io.dihit.examples.report;
