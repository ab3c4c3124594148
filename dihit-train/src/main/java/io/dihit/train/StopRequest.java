package io.dihit.train;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request, from any thread, that a running {@link TrainingLoop} stop after its current step. The
 * loop then writes a checkpoint of where it stopped (so running again resumes there) and returns.
 */
public final class StopRequest {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Asks the loop to stop; the first reason given is kept. */
    public void request(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean isRequested() {
        return reason.get() != null;
    }

    /** Why the stop was requested, or null when it was not. */
    public String reason() {
        return reason.get();
    }
}
