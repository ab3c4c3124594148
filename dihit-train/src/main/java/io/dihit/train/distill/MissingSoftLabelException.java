package io.dihit.train.distill;

import java.nio.file.Path;

/** A training sample has no soft label in the sidecar file and the policy does not allow skipping it. */
public final class MissingSoftLabelException extends RuntimeException {

    MissingSoftLabelException(String id, Path file) {
        super("no soft label for sample '" + id + "' in " + file
                + " (re-run the teacher precompute, or set missing_labels to SKIP to leave such samples out of L_cd)");
    }
}
