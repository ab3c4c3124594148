package io.dihit.train;

import io.dihit.core.data.BatchSource;
import io.dihit.train.data.SyntheticBatches;
import java.nio.file.Path;

/** Child JVM of {@link KillResumeTest}: trains slowly (a sleep per batch) so the parent can kill -9 it mid-run. */
public final class KillResumeChild {

    private KillResumeChild() {}

    public static void main(String[] args) {
        Path runDir = Path.of(args[0]);
        long steps = Long.parseLong(args[1]);
        long sleepMillis = Long.parseLong(args[2]);
        SyntheticBatches base = (SyntheticBatches) LoopFixtures.data();
        BatchSource slow = BatchSource.indexed(index -> {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return base.batch(index);
        }, 1_000);
        LoopFixtures.train(LoopFixtures.config(runDir, steps, ""), slow, steps, 1, null);
    }
}
