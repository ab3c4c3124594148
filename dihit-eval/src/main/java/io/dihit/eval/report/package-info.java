/** The evaluation report: report.json and report.md. */
package io.dihit.eval.report;
