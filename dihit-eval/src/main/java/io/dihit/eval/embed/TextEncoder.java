package io.dihit.eval.embed;

import java.util.List;

/** Turns texts into embeddings (one row per text, any scale: callers normalise). */
@FunctionalInterface
public interface TextEncoder {
    float[][] encode(List<String> texts);
}
