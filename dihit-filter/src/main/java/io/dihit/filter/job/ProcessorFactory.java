package io.dihit.filter.job;

import io.dihit.filter.CatRule;
import java.io.Serializable;

/**
 * Builds the {@link SampleProcessor} on each Spark executor. Implementations must be value objects
 * (records): executors keep one processor per distinct factory for the life of the JVM, so models
 * load once per executor, not once per task.
 */
public interface ProcessorFactory extends Serializable {
    SampleProcessor create();

    /** The rule the processors apply; the driver checks the output folder against it without loading models. */
    CatRule rule();
}
