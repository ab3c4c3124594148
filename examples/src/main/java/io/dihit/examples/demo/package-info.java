/** The end-to-end DiHT demo: data, CAT, teacher, ablation ladder, evaluation and report. */
package io.dihit.examples.demo;
