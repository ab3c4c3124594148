package io.dihit.filter.caption;

import java.util.Objects;

/**
 * One token of a dependency-parsed caption.
 *
 * @param index  position in the caption, 0-based over all its sentences
 * @param form   the word as written
 * @param lemma  base form, lower case
 * @param pos    Penn Treebank part-of-speech tag (NN, VBG, ...)
 * @param head   index of the head token, or -1 for a sentence root
 * @param deprel dependency label (ClearNLP / Stanford style: nsubj, dobj, prep, pobj, amod, ...)
 */
public record ParsedToken(int index, String form, String lemma, String pos, int head, String deprel) {
    public ParsedToken {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(lemma, "lemma");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(deprel, "deprel");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (head < -1 || head == index) {
            throw new IllegalArgumentException("bad head " + head + " for token " + index);
        }
    }

    public boolean isRoot() {
        return head < 0;
    }
}
