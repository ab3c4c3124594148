package io.dihit.train;

/**
 * A daemon thread that asks for a full garbage collection every millisecond until closed, so
 * collections land between the forward and the backward of whatever runs meanwhile. Memory that
 * a graph still reads but that Java owns (and frees on collection) then shows up as wrong gradients.
 */
final class GcPressure implements AutoCloseable {

    private final Thread thread;

    private GcPressure() {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-pressure");
        thread.setDaemon(true);
    }

    static GcPressure start() {
        GcPressure pressure = new GcPressure();
        pressure.thread.start();
        return pressure;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
