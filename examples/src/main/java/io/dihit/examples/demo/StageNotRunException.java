package io.dihit.examples.demo;

/**
 * Thrown by a stage that cannot run because an earlier stage produced nothing for it (for example no
 * pre-trained model): the pipeline records it as not run, as opposed to failed.
 */
public final class StageNotRunException extends RuntimeException {
    public StageNotRunException(String message) {
        super(message);
    }
}
