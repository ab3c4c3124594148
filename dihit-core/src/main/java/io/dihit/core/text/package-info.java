/** The CLIP byte-level BPE tokenizer (Python-exact text cleaning) and a BPE trainer for own vocabularies. */
package io.dihit.core.text;
