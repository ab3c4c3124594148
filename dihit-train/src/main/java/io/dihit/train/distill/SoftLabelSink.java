package io.dihit.train.distill;

/** Receives every row of a precompute, in input order: each is either labelled or unlabelled. */
interface SoftLabelSink {

    /** @param numConcepts the teacher's number of concepts (the same for every row of a run) */
    void labelled(String source, long where, String id, SoftLabel label, int numConcepts);

    void unlabelled(UnlabelledRow row);
}
