package io.dihit.examples.demo;

/**
 * A stage whose module API is not in this build yet. It runs nothing and says which class it waits
 * for, so the report shows exactly what the demo could not do.
 */
public record PendingStage(String name, String requiredClass) implements DemoStage {

    public boolean available() {
        try {
            Class.forName(requiredClass);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public String run(DemoContext context) {
        throw new StageNotRunException(name + " not run: " + requiredClass
                + (available() ? " is in this build but not yet wired into the demo" : " is not in this build"));
    }

    /** Marks a stage the pipeline skipped, as opposed to one that failed. */
    public static final class StageNotRunException extends RuntimeException {
        public StageNotRunException(String message) {
            super(message);
        }
    }
}
