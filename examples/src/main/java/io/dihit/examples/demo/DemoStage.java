package io.dihit.examples.demo;

/** One step of the demo pipeline. */
public interface DemoStage {

    String name();

    /** Runs the stage, leaving its results in the context; returns a one-line summary for the report. */
    String run(DemoContext context) throws Exception;
}
