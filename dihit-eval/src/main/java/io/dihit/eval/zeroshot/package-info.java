/** Zero-shot classification: class-name prompts, prompt templates and the text-embedding classifier. */
package io.dihit.eval.zeroshot;
