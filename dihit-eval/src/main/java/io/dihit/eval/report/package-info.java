/** The evaluation report: report.json, report.md and the skip list skipped.jsonl. */
package io.dihit.eval.report;
