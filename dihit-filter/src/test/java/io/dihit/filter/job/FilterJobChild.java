package io.dihit.filter.job;

import java.nio.file.Path;
import java.util.List;

/** Runs a slow fake-parser job in a separate JVM so {@link LocalFilterJobTest} can kill it mid-run. */
public final class FilterJobChild {
    private FilterJobChild() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        Path out = Path.of(args[1]);
        FilterJobConfig config = FilterJobConfig.of(List.of(manifest), out, 2).withCheckpointEvery(10);
        new LocalFilterJob(config, JobFixtures.fakeProcessor(3, true)).run();
    }
}
