package io.dihit.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a function to independent items (grid points, folds, row chunks, images) on a few daemon
 * threads; results come back in input order, and a failure is rethrown as it was thrown, as on one thread.
 */
public final class ParallelMap {

    /** The per-item work; may throw a checked exception of type E. */
    @FunctionalInterface
    public interface Task<P, R, E extends Exception> {
        R apply(P item) throws E;
    }

    private ParallelMap() {
    }

    /** @param threadName names the worker threads (for thread dumps) */
    @SuppressWarnings("unchecked")
    public static <P, R, E extends Exception> List<R> map(List<P> items, int threads, String threadName, Task<P, R, E> task)
            throws E {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = Math.min(threads, items.size());
        if (n <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (P item : items) {
                out.add(task.apply(item));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> pending = new ArrayList<>(items.size());
            for (P item : items) {
                pending.add(pool.submit(() -> task.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(threadName + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw (E) cause; // only the task's own checked exception can get here
        } finally {
            pool.shutdownNow();
        }
    }
}
