package io.dihit.train;

import io.dihit.train.config.TrainConfig;
import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child JVM of {@link SigtermResumeTest}: {@code dihit train} on a config file, exactly as TrainMain runs
 * it (shutdown guard included), with a sleep before each batch so the parent's SIGTERM lands mid-run.
 */
public final class SigtermChild {

    private SigtermChild() {}

    public static void main(String[] args) throws IOException {
        TrainConfig config = TrainConfig.read(Path.of(args[0]));
        long sleepMillis = Long.parseLong(args[1]);
        TrainMain.train(config, config.steps(), source -> slowed(source, sleepMillis));
    }

    private static BatchSource slowed(BatchSource source, long sleepMillis) {
        return position -> {
            BatchSource.Batches inner = source.open(position);
            return new BatchSource.Batches() {
                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public Batch next() {
                    try {
                        Thread.sleep(sleepMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return inner.next();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
    }
}
