package io.dihit.train;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a JVM shutdown (SIGTERM, SIGINT / Ctrl-C, System.exit) wait for training to reach a safe
 * point. Without it the JVM runs its exit sequence, libtorch's static destructors included, while the
 * training thread is still inside a libtorch operation; that crashed the JVM natively (SIGSEGV in
 * libtorch_cpu, e.g. {@code at::accelerator::getAccelerator} or {@code dnnl_primitive_execute}).
 * <p>
 * The shutdown hook requests a stop (the loop finishes its current step and writes a checkpoint) and
 * waits, at most {@code maxWait}, until {@link #close()} says the training thread has released all
 * native resources; then the JVM exits (status 143 after SIGTERM, 130 after SIGINT). Close the
 * guard after the engine's managers, i.e. declare it first in the try-with-resources.
 */
public final class ShutdownGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownGuard.class);

    private final StopRequest stop;
    private final Duration maxWait;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook;

    public ShutdownGuard(StopRequest stop, Duration maxWait) {
        this.stop = stop;
        this.maxWait = maxWait;
        this.hook = new Thread(this::onShutdown, "dihit-train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public StopRequest stopRequest() {
        return stop;
    }

    private void onShutdown() {
        if (released.getCount() == 0) {
            return;
        }
        stop.request("the JVM is shutting down (SIGTERM, SIGINT or System.exit)");
        LOG.warn("shutdown requested: finishing the current step and writing a checkpoint before exiting "
                + "(waiting up to {} s)", maxWait.toSeconds());
        try {
            if (released.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("training stopped cleanly; run the same command again to resume from the checkpoint");
            } else {
                LOG.error("training did not reach a safe point within {} s; exiting anyway (the newest complete "
                        + "checkpoint is intact, a native crash report may follow)", maxWait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The training thread is done with native code: shutdown may proceed; the hook is removed if unused. */
    @Override
    public void close() {
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or has run: it sees the count-down and returns
        }
    }
}
