package io.dihit.eval.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Applies a function to independent items (grid points, folds, row chunks) on a few daemon threads;
 * results come back in input order, and a failure is rethrown as it was thrown (unchecked), as on one thread.
 */
public final class ParallelMap {

    private ParallelMap() {
    }

    /** @param threadName names the worker threads (for thread dumps) */
    public static <P, R> List<R> map(List<P> items, int threads, String threadName, Function<P, R> evaluate) {
        int n = Math.min(threads, items.size());
        if (n <= 1) {
            return items.stream().map(evaluate).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> pending = new ArrayList<>(items.size());
            for (P p : items) {
                pending.add(pool.submit(() -> evaluate.apply(p)));
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
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
