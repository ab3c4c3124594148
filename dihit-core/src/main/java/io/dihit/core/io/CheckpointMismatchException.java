package io.dihit.core.io;

/** A strict load found missing, unexpected or mis-shaped keys; {@link #report()} lists them all. */
public class CheckpointMismatchException extends IllegalStateException {
    private final LoadReport report;

    CheckpointMismatchException(LoadReport report) {
        super("checkpoint does not match the model: " + report.summary());
        this.report = report;
    }

    public LoadReport report() {
        return report;
    }
}
